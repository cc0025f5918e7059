using System;

namespace OAuthGen;

/// <summary>
/// The <c>Authorization</c> header value last built from a token (<c>Bearer …</c>), kept with the token so that every call
/// that sends it does not build, parse or format the value again. It is derived from <see cref="OAuthToken.AccessToken"/>
/// and takes no part in the token's identity: a record compares, hashes and copies every field, so this one always
/// compares equal, and a value is used only while the token's access token and the scheme are the ones it was built
/// from (a <c>with</c> copy carries it over, possibly with another access token).
/// </summary>
internal readonly struct AuthorizationValueCache : IEquatable<AuthorizationValueCache>
{
    // One reference, so that a token shared by concurrent calls is read and written whole, never torn.
    private readonly Entry? _entry;

    private AuthorizationValueCache(Entry entry) => _entry = entry;

    /// <summary>Whether a value for <paramref name="scheme"/> and <paramref name="accessToken"/> is kept; it may be <see langword="null"/>.</summary>
    public bool Find(string scheme, string accessToken, out string? value)
    {
        if (_entry is { } entry && ReferenceEquals(entry.AccessToken, accessToken) && string.Equals(entry.Scheme, scheme, StringComparison.Ordinal))
        {
            value = entry.Value;
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>A cache holding <paramref name="value"/> for <paramref name="scheme"/> and <paramref name="accessToken"/>.</summary>
    public static AuthorizationValueCache Of(string scheme, string accessToken, string? value) => new(new Entry(scheme, accessToken, value));

    /// <summary>Always true: the cache is not part of what a token is.</summary>
    public bool Equals(AuthorizationValueCache other) => true;

    public override bool Equals(object? obj) => obj is AuthorizationValueCache;

    public override int GetHashCode() => 0;

    private sealed class Entry(string scheme, string accessToken, string? value)
    {
        public string Scheme { get; } = scheme;

        public string AccessToken { get; } = accessToken;

        public string? Value { get; } = value;
    }
}

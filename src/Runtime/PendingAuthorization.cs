using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OAuthGen;

/// <summary>
/// What must survive between the authorization redirect and the callback. Plain, small data: store it where the
/// user's session lives (a protected cookie, a cache) and hand it back to
/// <see cref="IRemoteApp.AuthorizedResponseAsync(System.Collections.Generic.IEnumerable{System.Collections.Generic.KeyValuePair{string, string}}, PendingAuthorization, System.Threading.CancellationToken)"/>.
/// </summary>
/// <remarks>It holds a PKCE verifier or an OAuth 1.0a request-token secret, so <see cref="ToString"/> hides them; protect the stored form too.</remarks>
public sealed record PendingAuthorization
{
    /// <summary>The <see cref="RemoteAppOptions.Name"/> of the app that started the flow.</summary>
    public required string AppName { get; init; }

    /// <summary>The exact <c>redirect_uri</c> / <c>oauth_callback</c> sent, replayed byte for byte at the token endpoint.</summary>
    public required string RedirectUri { get; init; }

    /// <summary>When the flow started; used to expire abandoned flows.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>OAuth 2.0: the <c>state</c> the callback must echo.</summary>
    public string? State { get; init; }

    /// <summary>OAuth 2.0: the PKCE <c>code_verifier</c>, when PKCE is on.</summary>
    public string? CodeVerifier { get; init; }

    /// <summary>
    /// OAuth 2.0: the issuer of the authorization server the request went to, when discovery named it; the callback's
    /// <c>iss</c> must equal it (RFC 9207).
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>
    /// OAuth 2.0: the server advertised <c>authorization_response_iss_parameter_supported</c>, so a callback without
    /// <c>iss</c> is refused (RFC 9207 §2.4).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool RequireIssuer { get; init; }

    /// <summary>
    /// OpenID Connect: the <c>nonce</c> sent with the authorization request (a 256-bit CSPRNG value), which the id_token
    /// must carry. Set when the requested scope holds <c>openid</c>; its presence makes the callback validate the id_token.
    /// </summary>
    public string? Nonce { get; init; }

    /// <summary>
    /// OpenID Connect: the flow asked for the <c>openid</c> scope, so the token response must carry a valid id_token.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool OpenIdConnect { get; init; }

    /// <summary>OAuth 1.0a: the temporary credentials' <c>oauth_token</c>.</summary>
    public string? RequestToken { get; init; }

    /// <summary>OAuth 1.0a: the temporary credentials' <c>oauth_token_secret</c>.</summary>
    public string? RequestTokenSecret { get; init; }

    /// <summary>Serializes to compact JSON (AOT-safe).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RuntimeJsonContext.Default.PendingAuthorization);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <exception cref="OAuthException">The text is not a pending authorization (<see cref="OAuthErrorType.NoPendingAuthorization"/>).</exception>
    public static PendingAuthorization FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, RuntimeJsonContext.Default.PendingAuthorization)
                ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            throw new OAuthException(OAuthErrorType.NoPendingAuthorization, "The stored pending authorization is not valid JSON.");
        }
    }

    /// <summary>Describes the flow without its secrets.</summary>
    public override string ToString() =>
        $"PendingAuthorization {{ AppName = {AppName}, RedirectUri = {RedirectUri}, CreatedAt = {CreatedAt:O}, " +
        $"HasState = {State is not null}, HasCodeVerifier = {CodeVerifier is not null}, HasRequestToken = {RequestToken is not null}, " +
        $"OpenIdConnect = {OpenIdConnect} }}";
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PendingAuthorization))]
[JsonSerializable(typeof(OAuthToken))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;

using System;

namespace OAuthGen.Testing;

/// <summary>
/// Applies one of the provider's client settings to <see cref="RemoteAppOptions"/>. The same name/value pairs become
/// configuration keys, so options and configuration can never disagree.
/// </summary>
internal static class ClientSettings
{
    public static void Apply(RemoteAppOptions options, string name, string value)
    {
        switch (name)
        {
            case nameof(RemoteAppOptions.BaseUrl): options.BaseUrl = value; break;
            case nameof(RemoteAppOptions.RequestTokenUrl): options.RequestTokenUrl = value; break;
            case nameof(RemoteAppOptions.AuthorizeUrl): options.AuthorizeUrl = value; break;
            case nameof(RemoteAppOptions.AccessTokenUrl): options.AccessTokenUrl = value; break;
            case nameof(RemoteAppOptions.RevocationUrl): options.RevocationUrl = value; break;
            case nameof(RemoteAppOptions.ConsumerKey): options.ConsumerKey = value; break;
            case nameof(RemoteAppOptions.ConsumerSecret): options.ConsumerSecret = value; break;
            case nameof(RemoteAppOptions.RsaKey): options.RsaKey = value; break;
            case nameof(RemoteAppOptions.SignatureMethod): options.SignatureMethod = Enum.Parse<SignatureMethod>(value); break;
            case nameof(RemoteAppOptions.ClientAuthMethod): options.ClientAuthMethod = Enum.Parse<ClientAuthMethod>(value); break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "Not a client setting of the provider.");
        }
    }
}

namespace OAuthGen.Interop.Tests.Clients;

// The peer's device grant (peer/device_provider.py) and JWT client authentication (peer/client_assertions.py).
// Keys are set by the tests, as configuration would.

/// <summary>Client <c>o2-device</c>: a public client (a CLI) using the device authorization grant.</summary>
[RemoteApp("peer-device", BaseUrl = PeerClients.PlaceholderBase, AccessTokenUrl = "oauth2/token", DeviceAuthorizationUrl = "oauth2/device",
    ConsumerKey = "o2-device", ClientAuthMethod = ClientAuthMethod.None, Scope = "profile", JsonContext = typeof(PeerJson))]
public partial interface IPeerDevice : IOAuth2PeerApi;

/// <summary>Client <c>o2-device</c> knowing only the peer's RFC 8414 metadata (its device_authorization_endpoint).</summary>
[RemoteApp("peer-device-discovered", BaseUrl = PeerClients.PlaceholderBase,
    ServerMetadataUrl = PeerClients.PlaceholderBase + ".well-known/oauth-authorization-server",
    ConsumerKey = "o2-device", ClientAuthMethod = ClientAuthMethod.None, JsonContext = typeof(PeerJson))]
public partial interface IPeerDeviceDiscovered : IOAuth2PeerApi;

/// <summary>Client <c>o2-jwt-rsa</c>: <c>private_key_jwt</c> with <c>keys/jwt-rsa-private.pem</c> (RS256 by default).</summary>
[RemoteApp("peer-jwt-rsa", BaseUrl = PeerClients.PlaceholderBase, AccessTokenUrl = "oauth2/token", RevocationUrl = "oauth2/revoke",
    DeviceAuthorizationUrl = "oauth2/device", ConsumerKey = "o2-jwt-rsa", ClientAuthMethod = ClientAuthMethod.PrivateKeyJwt,
    JsonContext = typeof(PeerJson))]
public partial interface IPeerJwtRsa : IOAuth2PeerApi;

/// <summary>Client <c>o2-jwt-ec</c>: <c>private_key_jwt</c> with the P-256 key <c>keys/jwt-ec-private.pem</c> (ES256).</summary>
[RemoteApp("peer-jwt-ec", BaseUrl = PeerClients.PlaceholderBase, AccessTokenUrl = "oauth2/token",
    ConsumerKey = "o2-jwt-ec", ClientAuthMethod = ClientAuthMethod.PrivateKeyJwt, ClientAssertionAlgorithm = "ES256",
    ClientAssertionKeyId = "ec-1", JsonContext = typeof(PeerJson))]
public partial interface IPeerJwtEc : IOAuth2PeerApi;

/// <summary>Client <c>o2-jwt-secret</c>: <c>client_secret_jwt</c> (HS256 with its secret).</summary>
[RemoteApp("peer-jwt-secret", BaseUrl = PeerClients.PlaceholderBase, AccessTokenUrl = "oauth2/token",
    ConsumerKey = "o2-jwt-secret", ClientAuthMethod = ClientAuthMethod.ClientSecretJwt, JsonContext = typeof(PeerJson))]
public partial interface IPeerJwtSecret : IOAuth2PeerApi;

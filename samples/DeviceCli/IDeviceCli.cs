namespace OAuthGen.Samples.DeviceCli;

// A public client (a CLI cannot keep a secret): it proves nothing at the endpoints but its client id, and the user
// approves on another device. Endpoints and the client id come from configuration under the AppKey (environment
// variables DeviceCli__AccessTokenUrl or DEVICECLI_ACCESS_TOKEN_URL...); without them the sample signs in at GitHub,
// whose OAuth apps may enable the device flow.

/// <summary>Any OAuth 2.0 provider with a device authorization endpoint.</summary>
[RemoteApp("device-cli", AppKey = "DeviceCli", ClientAuthMethod = ClientAuthMethod.None)]
public partial interface IDeviceCli;

namespace OAuthGen;

/// <summary>Identifies the token a call needs: the app and, for flask-style named tokens, the token name.</summary>
/// <param name="AppName">The <see cref="RemoteAppOptions.Name"/> of the app asking.</param>
/// <param name="TokenName">The token name the call asked for; <see langword="null"/> is the default token.</param>
public sealed record TokenRequest(string AppName, string? TokenName);

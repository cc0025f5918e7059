namespace OAuthGen.Samples.DemoProvider;

/// <summary>The clients and the user the demo provider knows. Demo values: never reuse them anywhere real.</summary>
public static class DemoCredentials
{
    /// <summary>The OAuth 1.0a consumer key.</summary>
    public const string OAuth1ConsumerKey = "demo-oauth1-consumer";

    /// <summary>The OAuth 1.0a consumer secret.</summary>
    public const string OAuth1ConsumerSecret = "demo-oauth1-consumer-secret";

    /// <summary>The confidential OAuth 2.0 client (client_secret_post or client_secret_basic).</summary>
    public const string OAuth2ClientId = "demo-oauth2-client";

    /// <summary>The confidential OAuth 2.0 client's secret.</summary>
    public const string OAuth2ClientSecret = "demo-oauth2-client-secret";

    /// <summary>A public OAuth 2.0 client (token_endpoint_auth_method none; PKCE is its only proof).</summary>
    public const string OAuth2PublicClientId = "demo-oauth2-public-client";

    /// <summary>The redirect URI registered for both OAuth 2.0 clients by default (any port: RFC 8252 §7.3).</summary>
    public const string DefaultRedirectUri = "http://127.0.0.1/callback";

    /// <summary>The one user, who approves or denies on the consent page.</summary>
    public static DemoUser User { get; } = new("42", "demo", "Demo User", "demo@example.test");
}

/// <summary>The resource owner that signs in at the demo provider.</summary>
/// <param name="Id">Stable user id.</param>
/// <param name="Login">Login name (Twitter's <c>screen_name</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">E-mail address, returned with the <c>email</c> scope.</param>
public sealed record DemoUser(string Id, string Login, string Name, string Email);

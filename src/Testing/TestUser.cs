namespace OAuthGen.Testing;

/// <summary>A resource owner registered at a <see cref="TestProvider"/>: who approves, and whom <c>/api/me</c> describes.</summary>
/// <param name="Id">Stable user id (answered as <c>id</c> and, for OAuth 1.0a, <c>user_id</c>).</param>
/// <param name="Login">Login name (Twitter's <c>screen_name</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">E-mail address, returned with the <c>email</c> scope.</param>
public sealed record TestUser(string Id, string Login, string Name, string Email);

using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OpenIdConnect;

/// <summary>Whatever a server puts in an id_token, the only failure out of the library is id_token_invalid.</summary>
public class HostileIdTokenTests
{
    public static TheoryData<string, object> HostileClaims => new()
    {
        { "iat", "yesterday" },
        { "exp", "never" },
        { "nbf", new[] { 1, 2 } },
        { "aud", 42 },
        { "nonce", 7 },
        { "azp", new[] { "x" } },
        { "at_hash", 3.5 },
        { "sub", new System.Collections.Generic.Dictionary<string, object> { ["id"] = 1 } },
        { "auth_time", "now" },
        { "iss", new[] { "a", "b" } },
    };

    [Theory]
    [MemberData(nameof(HostileClaims))]
    public async Task Claims_of_the_wrong_json_type_are_refused_as_typed_errors(string claim, object value)
    {
        var server = new OidcServer();
        var exception = await Record.ExceptionAsync(() => server.SignInAsync(server.App(), c => c[claim] = value));
        // Either refused as an invalid id_token, or (auth_time is informational) accepted; never another exception.
        if (exception is not null)
        {
            var error = Assert.IsType<OAuthException>(exception);
            Assert.Equal(OAuthErrorType.IdTokenInvalid, error.Type);
        }
        else
        {
            Assert.Equal("auth_time", claim);
        }
    }

    [Theory]
    [InlineData("e30.e30.")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    [InlineData("a.b.c.d.e")]
    [InlineData("....")]
    public async Task Malformed_compact_tokens_are_refused_as_typed_errors(string idToken)
    {
        var server = new OidcServer();
        var app = server.App();
        var redirect = await app.AuthorizeAsync("https://app.example.com/cb");
        server.TokenResponse = $$"""{"access_token":"at","id_token":"{{idToken}}"}""";
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("code", "c"), new("state", redirect.Pending.State!)], redirect.Pending));
        Assert.Equal(OAuthErrorType.IdTokenInvalid, error.Type);
    }
}

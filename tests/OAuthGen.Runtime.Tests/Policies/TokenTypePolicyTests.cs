using System.Net;
using System.Threading.Tasks;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.Policies;

/// <summary>RFC 6749 §7.1: a client must not use a token whose type it does not understand.</summary>
public class TokenTypePolicyTests
{
    [Theory]
    [InlineData("DPoP")]
    [InlineData("mac")]
    [InlineData("N_A")]
    public async Task A_token_of_a_type_the_client_does_not_implement_is_refused_at_the_token_endpoint(string type)
    {
        var provider = new FakeProvider().OnToken($$"""{"access_token":"at","token_type":"{{type}}"}""");
        var app = provider.App();
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.ClientCredentialsAsync());
        Assert.Equal(OAuthErrorType.UnsupportedTokenType, error.Type);
        Assert.Contains(type, error.Message);

        var redirect = await app.AuthorizeAsync("https://app.example.com/cb");
        var exchange = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(
            [new("code", "c"), new("state", redirect.Pending.State!)], redirect.Pending));
        Assert.Equal(OAuthErrorType.UnsupportedTokenType, exchange.Type);
    }

    [Theory]
    [InlineData("""{"access_token":"at"}""")]
    [InlineData("""{"access_token":"at","token_type":"bearer"}""")]
    [InlineData("""{"access_token":"at","token_type":"BEARER"}""")]
    public async Task Bearer_in_any_case_or_missing_is_accepted_and_sent_with_the_configured_word(string json)
    {
        var provider = new FakeProvider().OnToken(json).On(FakeProvider.ApiUrl + "me",
            r => StubHandler.Respond("{}", status: r.Authorization == "OAuth2 at" ? HttpStatusCode.OK : HttpStatusCode.Unauthorized));
        var app = provider.App(o => o.TokenType = "OAuth2");
        var token = await app.ClientCredentialsAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("me", token: token)).Status);
    }

    [Fact]
    public async Task A_type_the_policy_adds_is_accepted()
    {
        var provider = new FakeProvider().OnToken("""{"access_token":"at","token_type":"OAuth2"}""");
        var app = provider.App(o => o.TokenTypePolicy.AcceptedTypes.Add("OAuth2"));
        Assert.Equal("OAuth2", (await app.ClientCredentialsAsync()).TokenType); // kept as sent
    }

    [Fact]
    public async Task A_stored_token_of_an_unsupported_type_is_not_sent()
    {
        var provider = new FakeProvider().OnApi("me", "at");
        var app = provider.App(o => o.TokenGetter = (_, _) => new(new OAuthToken("at") { TokenType = "DPoP" }));
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.GetAsync("me"));
        Assert.Equal(OAuthErrorType.InvalidToken, error.Type);
        Assert.Empty(provider.Requests);
    }
}

using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

/// <summary>RFC 6749 §3.1 (no repeated parameters) and §3.1.2 (no fragment in a redirection URI).</summary>
public class CallbackParameterTests
{
    [Theory]
    [InlineData("state")]
    [InlineData("code")]
    [InlineData("iss")]
    public async Task A_repeated_callback_parameter_is_refused_and_nothing_is_sent(string repeated)
    {
        var provider = new FakeProvider().OnToken("""{"access_token":"at"}""");
        var app = provider.App();
        var redirect = await app.AuthorizeAsync("https://app.example.com/cb");
        var state = redirect.Pending.State!;
        var callback = new List<KeyValuePair<string, string>> { new("code", "c"), new("state", state), new(repeated, repeated == "state" ? state : "x") };
        if (repeated == "iss") callback.Add(new("iss", "x"));
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(callback, redirect.Pending));
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Contains(repeated, error.Message);
        Assert.Empty(provider.Requests);

        // The flow was not spent: the real callback still completes it.
        var result = await app.AuthorizedResponseAsync([new("code", "c"), new("state", state)], redirect.Pending);
        Assert.Equal("at", result.Token!.AccessToken);
    }

    [Theory]
    [InlineData("https://app.example.com/cb#frag")]
    [InlineData("https://app.example.com/cb#")]
    [InlineData("com.example.app:/cb#x")]
    public async Task A_redirect_uri_with_a_fragment_is_refused(string callback)
    {
        var provider = new FakeProvider();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => provider.App().AuthorizeAsync(callback));
        Assert.Contains("fragment", error.Message);
        Assert.Empty(provider.Requests);
    }
}

using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.Policies;

/// <summary>How long client credentials tokens are reused, and how many are kept.</summary>
public class TokenCachePolicyTests
{
    [Fact]
    public async Task A_token_without_expires_in_is_reused_for_the_default_lifetime_only()
    {
        var provider = new FakeProvider().OnToken("""{"access_token":"cc"}""");
        var app = provider.App(o => o.TokenCachePolicy.DefaultLifetime = TimeSpan.FromMinutes(5));
        await app.ClientCredentialsAsync();
        app.Clock().Advance(TimeSpan.FromMinutes(4));
        await app.ClientCredentialsAsync();
        Assert.Single(provider.To(FakeProvider.TokenUrl));
        app.Clock().Advance(TimeSpan.FromMinutes(2));
        await app.ClientCredentialsAsync();
        Assert.Equal(2, provider.To(FakeProvider.TokenUrl).Count);
    }

    [Fact]
    public async Task The_default_lifetime_is_five_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), new TokenCachePolicy().DefaultLifetime);
        var provider = new FakeProvider().OnToken("""{"access_token":"cc"}""");
        var app = provider.App();
        await app.ClientCredentialsAsync();
        app.Clock().Advance(TimeSpan.FromMinutes(6));
        await app.ClientCredentialsAsync();
        Assert.Equal(2, provider.To(FakeProvider.TokenUrl).Count);
    }

    [Fact]
    public async Task A_long_expires_in_is_capped_at_the_maximum_lifetime()
    {
        var provider = new FakeProvider().OnToken("""{"access_token":"cc","expires_in":86400}""");
        var app = provider.App(o => o.TokenCachePolicy.MaximumLifetime = TimeSpan.FromMinutes(30));
        await app.ClientCredentialsAsync();
        app.Clock().Advance(TimeSpan.FromMinutes(29));
        await app.ClientCredentialsAsync();
        Assert.Single(provider.To(FakeProvider.TokenUrl));
        app.Clock().Advance(TimeSpan.FromMinutes(2));
        await app.ClientCredentialsAsync();
        Assert.Equal(2, provider.To(FakeProvider.TokenUrl).Count);
    }

    [Fact]
    public async Task The_cache_keeps_at_most_the_configured_number_of_tokens_per_app()
    {
        var provider = new FakeProvider().OnToken("""{"access_token":"cc","expires_in":3600}""");
        var app = provider.App(o => o.TokenCachePolicy.MaxEntries = 2);
        await app.ClientCredentialsAsync("a");
        await app.ClientCredentialsAsync("b");
        await app.ClientCredentialsAsync("c"); // evicts the oldest, "a"
        await app.ClientCredentialsAsync("c");
        Assert.Equal(3, provider.To(FakeProvider.TokenUrl).Count);
        await app.ClientCredentialsAsync("a");
        Assert.Equal(4, provider.To(FakeProvider.TokenUrl).Count);
    }
}

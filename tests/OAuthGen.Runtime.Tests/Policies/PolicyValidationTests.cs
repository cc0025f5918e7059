using System;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.Policies;

public class PolicyValidationTests
{
    public static TheoryData<string, Action<RemoteAppOptions>> BadPolicies => new()
    {
        { "DiscoveryPolicy is required", o => o.DiscoveryPolicy = null! },
        { "DiscoveryPolicy.CacheLifetime", o => o.DiscoveryPolicy.CacheLifetime = TimeSpan.Zero },
        { "DiscoveryPolicy.Issuer", o => o.DiscoveryPolicy.Issuer = "idp.example.com" },
        { "DiscoveryPolicy.AdditionalEndpointHosts", o => o.DiscoveryPolicy.AdditionalEndpointHosts = null! },
        { "TokenCachePolicy is required", o => o.TokenCachePolicy = null! },
        { "TokenCachePolicy.MaxEntries", o => o.TokenCachePolicy.MaxEntries = 0 },
        { "TokenCachePolicy.DefaultLifetime", o => o.TokenCachePolicy.DefaultLifetime = TimeSpan.FromSeconds(-1) },
        { "TokenTypePolicy is required", o => o.TokenTypePolicy = null! },
        { "TokenTypePolicy.AcceptedTypes", o => o.TokenTypePolicy.AcceptedTypes = null! },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void Broken_policies_are_invalid_configuration(string expected, Action<RemoteAppOptions> configure)
    {
        var error = Assert.Throws<OAuthException>(() => new FakeProvider().App(configure));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Policies_are_copied_with_the_options()
    {
        var options = FakeProvider.Options();
        var app = new RemoteApp(new FakeProvider().Client(), options);
        options.DiscoveryPolicy.AdditionalEndpointHosts.Add("evil.example.net");
        options.TokenTypePolicy.AcceptedTypes.Add("DPoP");
        app.Options.TokenCachePolicy.MaximumLifetime = TimeSpan.FromDays(365);
        Assert.Empty(app.Options.DiscoveryPolicy.AdditionalEndpointHosts);
        Assert.Equal(["Bearer"], app.Options.TokenTypePolicy.AcceptedTypes);
        Assert.Equal(TimeSpan.FromHours(1), app.Options.TokenCachePolicy.MaximumLifetime);
    }
}

using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace OAuthGen.Interop.Tests;

/// <summary>The peer is up and speaks the documents later tests rely on (no OAuth flow involved).</summary>
[Collection(AuthlibPeerCollection.Name)]
public sealed class PeerReachabilityTests(AuthlibPeer peer)
{
    [Fact]
    public async Task The_metadata_document_names_the_peers_endpoints()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(peer.Url("/.well-known/oauth-authorization-server"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var metadata = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(peer.BaseUrl, metadata.GetProperty("issuer").GetString());
        Assert.Equal(peer.Url("/oauth2/authorize"), metadata.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(peer.Url("/oauth2/token"), metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal(peer.Url("/oauth2/revoke"), metadata.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(["S256", "plain"], metadata.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_resource_without_a_token_answers_401_with_a_bearer_challenge()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(peer.Url("/api/me"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"oauthgen-interop\"", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task The_health_endpoint_answers()
    {
        using var http = new HttpClient();
        Assert.Equal("{\"status\": \"ok\"}", await http.GetStringAsync(peer.Url("/health")));
    }

    [Fact]
    public async Task The_consent_hook_denies_with_access_denied_and_the_state()
    {
        var callback = await peer.ConsentAsync(
            peer.Url("/oauth2/authorize") + "?response_type=code&client_id=o2-basic&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback&state=st8",
            approve: false);

        Assert.Equal("http://127.0.0.1:9/callback", callback.GetLeftPart(UriPartial.Path));
        var parameters = callback.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("access_denied", parameters["error"]);
        Assert.Equal("st8", parameters["state"]);
        Assert.DoesNotContain("code", parameters.Keys);
    }
}

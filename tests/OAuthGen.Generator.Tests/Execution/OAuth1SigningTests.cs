using System;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Runtime.Tests;

namespace OAuthGen.Generator.Tests.Execution;

/// <summary>A generated OAuth 1.0a client signs its requests as RFC 5849 §1.2's photos example (vectors.md §3).</summary>
public sealed class OAuth1SigningTests(ClientsFixture fixture) : IClassFixture<ClientsFixture>
{
    private const string Photos = "Samples.Photos.IPhotos";

    [Fact]
    public async Task ProtectedResourceRequestCarriesTheRfc5849Signature()
    {
        var server = new StubHandler(_ => StubHandler.Respond("ok", "text/plain"));
        var options = fixture.Clients.CreateOptions(Photos);
        options.ConsumerSecret = "kd94hf93k423kf44";
        options.NonceGenerator = () => "chapoH";
        options.TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(137131202));
        options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(new OAuthToken("nnch734d00sl2jdk") { Secret = "pfkkdhi9sl3r4s00" });
        var client = fixture.Clients.Create(Photos, new HttpClient(server), options);

        await GeneratedClientAssembly.CallAsync(client, Photos, "GetPhotoAsync", "vacation.jpg", "original");

        var request = Assert.Single(server.Requests);
        Assert.Equal("http://photos.example.net/photos?file=vacation.jpg&size=original", request.Uri.AbsoluteUri);
        var authorization = request.Message.Headers.Authorization!;
        Assert.Equal("OAuth", authorization.Scheme);
        var parameters = authorization.Parameter!.Split(',')
            .Select(p => p.Trim().Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Trim('"')));
        Assert.Equal("dpf43f3p2l4k3l03", parameters["oauth_consumer_key"]);
        Assert.Equal("nnch734d00sl2jdk", parameters["oauth_token"]);
        Assert.Equal("HMAC-SHA1", parameters["oauth_signature_method"]);
        Assert.Equal("137131202", parameters["oauth_timestamp"]);
        Assert.Equal("chapoH", parameters["oauth_nonce"]);

        // Recompute the signature from what was sent (RFC 5849 §3.4.1), so an optional oauth_version is allowed.
        var signed = parameters.Where(p => p.Key.StartsWith("oauth_", StringComparison.Ordinal) && p.Key != "oauth_signature")
            .Concat([new("file", "vacation.jpg"), new("size", "original")])
            .Select(p => (Name: Uri.EscapeDataString(p.Key), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value);
        var baseString = "GET&" + Uri.EscapeDataString("http://photos.example.net/photos") + "&" + Uri.EscapeDataString(string.Join("&", signed));
        using var hmac = new HMACSHA1(Encoding.ASCII.GetBytes("kd94hf93k423kf44&pfkkdhi9sl3r4s00"));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(baseString)));
        Assert.Equal(expected, parameters["oauth_signature"]);
        if (!parameters.ContainsKey("oauth_version"))
        {
            Assert.Equal("MdpQcU8iPSUjWoN/UDMsK2sui9I=", parameters["oauth_signature"]); // the RFC's printed value
        }
    }
}

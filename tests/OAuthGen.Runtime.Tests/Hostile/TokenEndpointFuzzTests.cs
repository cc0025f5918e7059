using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.Hostile;

/// <summary>
/// More than 100,000 hostile token-endpoint answers (fixed seeds) through the code exchange, explicit refresh, automatic
/// refresh and client credentials, plus OAuth 1.0a credentials responses: only <see cref="OAuthException"/> comes out,
/// no secret of the call is in any message, an issued token is always usable in a header, and a stored token is never
/// damaged by a failed refresh.
/// </summary>
public class TokenEndpointFuzzTests
{
    private const int BodiesPerFlow = 25_000;
    private const string TokenUrl = "https://auth.example.com/oauth/token";
    private const string ClientId = "client-id-fuzz";
    private const string ClientSecret = "CS-5f3a9+consumer/secret";

    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>An app per client authentication method, all answered by one echoing, hostile server.</summary>
    private static (RemoteApp[] Apps, EchoingHandler Server) Apps(int seed, Action<RemoteAppOptions>? configure = null)
    {
        var bodies = new HostileBodies(seed);
        var server = new EchoingHandler((request, echo) => request.RequestUri!.AbsolutePath == "/oauth/token"
            ? bodies.Next(echo)
            : StubHandler.Respond("{}"));
        RemoteApp Make(ClientAuthMethod method, bool formEncode)
        {
            var options = new RemoteAppOptions
            {
                Name = "fuzz-" + Guid.NewGuid().ToString("N"),
                BaseUrl = "https://api.example.com/",
                AuthorizeUrl = "https://auth.example.com/oauth/authorize",
                AccessTokenUrl = TokenUrl,
                ConsumerKey = ClientId,
                ConsumerSecret = ClientSecret,
                ClientAuthMethod = method,
                FormEncodeBasicCredentials = formEncode,
                TimeProvider = new FakeTimeProvider(Now),
            };
            configure?.Invoke(options);
            return new RemoteApp(new HttpClient(server), options);
        }
        return ([Make(ClientAuthMethod.ClientSecretPost, false), Make(ClientAuthMethod.ClientSecretBasic, false), Make(ClientAuthMethod.ClientSecretBasic, true)], server);
    }

    /// <summary>The secrets of the app (consumer secret and both Basic credentials) plus <paramref name="call"/>, as they would be echoed.</summary>
    private static List<string> Forbidden(params string[] call)
    {
        var secrets = new List<string>
        {
            ClientSecret,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")),
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(ClientSecret)}")),
        };
        secrets.AddRange(call);
        return [.. secrets.Concat(secrets.Select(Uri.EscapeDataString)).Distinct()];
    }

    [Fact]
    public async Task Code_exchange_survives_hostile_token_responses()
    {
        var (apps, server) = Apps(seed: 1201);
        var types = new Dictionary<string, int>();
        for (var i = 0; i < BodiesPerFlow; i++)
        {
            var app = apps[i % apps.Length];
            var code = $"code-{i}-7c1d2e9f";
            var verifier = $"verifier-{i}-" + new string('v', 40);
            var pending = new PendingAuthorization
            {
                // A flow of its own each time (its start time): a pending authorization completes once.
                AppName = app.Options.Name, RedirectUri = "https://app.example.com/cb", CreatedAt = Now.AddTicks(i),
                State = "state-0123456789", CodeVerifier = verifier,
            };
            try
            {
                var result = await app.AuthorizedResponseAsync([new("code", code), new("state", "state-0123456789")], pending);
                HostileAssert.Usable(result.Token!, $"code exchange #{i}");
            }
            catch (Exception e)
            {
                var error = HostileAssert.TypedAndClean(e, Forbidden(code, verifier), $"code exchange #{i}");
                types[error.Type] = types.GetValueOrDefault(error.Type) + 1;
            }
        }
        Assert.Equal(BodiesPerFlow, server.Count);
        Assert.Subset(new HashSet<string> { OAuthErrorType.InvalidResponse, OAuthErrorType.TokenEndpointError, OAuthErrorType.UnsupportedTokenType }, types.Keys.ToHashSet());
        Assert.True(types.Values.Sum() < BodiesPerFlow, "some hostile answers are still valid tokens");
    }

    [Fact]
    public async Task Explicit_refresh_survives_hostile_token_responses()
    {
        var (apps, server) = Apps(seed: 1202);
        for (var i = 0; i < BodiesPerFlow; i++)
        {
            var refreshToken = $"rt-{i}-a8f0b1c2d3";
            var old = new OAuthToken($"at-{i}-old-0f9e8d") { RefreshToken = refreshToken, ExpiresAt = Now.AddMinutes(-1) };
            try
            {
                var refreshed = await apps[i % apps.Length].RefreshAsync(old);
                HostileAssert.Usable(refreshed, $"refresh #{i}");
            }
            catch (Exception e)
            {
                var error = HostileAssert.TypedAndClean(e, Forbidden(refreshToken), $"refresh #{i}");
                Assert.Equal(OAuthErrorType.RefreshFailed, error.Type);
            }
        }
        Assert.Equal(BodiesPerFlow, server.Count);
    }

    [Fact]
    public async Task Automatic_refresh_never_damages_the_stored_token()
    {
        var failed = 0;
        var (apps, server) = Apps(seed: 1203);
        for (var i = 0; i < BodiesPerFlow; i++)
        {
            var refreshToken = $"rt-{i}-5d6e7f8a9b";
            var expired = new OAuthToken($"at-{i}-expired-4c3b") { RefreshToken = refreshToken, ExpiresAt = Now.AddMinutes(-1) };
            var store = new MemoryTokenStore(expired);
            var app = apps[i % apps.Length];
            // One app per store: the store is an option, so each iteration gets its own client over the shared server.
            var withStore = new RemoteApp(new HttpClient(server), WithStore(app.Options, store));
            try
            {
                var response = await withStore.GetAsync("me");
                var saved = Assert.Single(store.Saved);
                HostileAssert.Usable(saved, $"automatic refresh #{i}");
                Assert.Same(saved, store.Current);
                Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
            }
            catch (Exception e)
            {
                var error = HostileAssert.TypedAndClean(e, Forbidden(refreshToken), $"automatic refresh #{i}");
                Assert.Equal(OAuthErrorType.RefreshFailed, error.Type);
                Assert.Empty(store.Saved);
                Assert.Same(expired, store.Current);
                Assert.Equal(refreshToken, store.Current!.RefreshToken);
                failed++;
            }
        }
        Assert.InRange(failed, 1, BodiesPerFlow - 1);
        Assert.True(server.Count >= BodiesPerFlow);
    }

    [Fact]
    public async Task Client_credentials_survive_hostile_token_responses()
    {
        var (apps, server) = Apps(seed: 1204);
        for (var i = 0; i < BodiesPerFlow; i++)
        {
            try
            {
                // A scope per call: client-credentials tokens are cached by scope, and every call must reach the server.
                var token = await apps[i % apps.Length].ClientCredentialsAsync($"scope-{i}");
                HostileAssert.Usable(token, $"client credentials #{i}");
            }
            catch (Exception e)
            {
                HostileAssert.TypedAndClean(e, Forbidden(), $"client credentials #{i}");
            }
        }
        Assert.Equal(BodiesPerFlow, server.Count);
    }

    [Fact]
    public async Task OAuth1_credentials_responses_survive_hostile_answers()
    {
        const string requestTokenSecret = "RTS-91bc-request-secret";
        const int bodies = 10_000;
        var hostile = new HostileBodies(seed: 1205);
        var server = new EchoingHandler((_, echo) => hostile.Next(echo));
        var app = new RemoteApp(new HttpClient(server), new RemoteAppOptions
        {
            Name = "fuzz1-" + Guid.NewGuid().ToString("N"),
            BaseUrl = "https://api.example.com/",
            RequestTokenUrl = "https://api.example.com/oauth/request_token",
            AccessTokenUrl = "https://api.example.com/oauth/access_token",
            AuthorizeUrl = "https://api.example.com/oauth/authorize",
            ConsumerKey = ClientId,
            ConsumerSecret = ClientSecret,
            SignatureType = SignatureType.Body,
            RequestTokenMethod = HttpMethod.Post,
            TimeProvider = new FakeTimeProvider(Now),
        });
        for (var i = 0; i < bodies; i++)
        {
            var verifier = $"verifier-{i}-33aa44bb";
            try
            {
                if (i % 2 == 0)
                {
                    var redirect = await app.AuthorizeAsync("https://app.example.com/cb");
                    HostileAssert.Usable(new OAuthToken(redirect.Pending.RequestToken!) { Secret = redirect.Pending.RequestTokenSecret }, $"OAuth 1.0a #{i}");
                }
                else
                {
                    var pending = new PendingAuthorization
                    {
                        AppName = app.Options.Name, RedirectUri = "https://app.example.com/cb", CreatedAt = Now.AddTicks(i),
                        RequestToken = "request-token-1", RequestTokenSecret = requestTokenSecret,
                    };
                    var result = await app.AuthorizedResponseAsync([new("oauth_token", "request-token-1"), new("oauth_verifier", verifier)], pending);
                    HostileAssert.Usable(result.Token!, $"OAuth 1.0a #{i}");
                }
            }
            catch (Exception e)
            {
                HostileAssert.TypedAndClean(e, Forbidden(requestTokenSecret, verifier), $"OAuth 1.0a #{i}");
            }
        }
        Assert.Equal(bodies, server.Count);
    }

    private static RemoteAppOptions WithStore(RemoteAppOptions options, ITokenStore store)
    {
        var copy = options.Clone();
        copy.Name = "fuzz-store-" + Guid.NewGuid().ToString("N");
        copy.TokenStore = store;
        return copy;
    }
}

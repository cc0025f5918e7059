using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OAuthGen.Testing.Api;
using OAuthGen.Testing.Http;
using OAuthGen.Testing.OAuth1;
using OAuthGen.Testing.OAuth2;

namespace OAuthGen.Testing;

/// <summary>
/// An OAuth 1.0a + OAuth 2.0 provider a test starts in-process: request tokens and HMAC-SHA1 / RSA-SHA1 / PLAINTEXT
/// signatures (RFC 5849), the code grant with PKCE (RFC 7636) answered in the query or by <c>response_mode=form_post</c>,
/// refresh with rotation, revocation (RFC 7009), metadata (RFC 8414) and a small protected API (<c>api/me</c>,
/// <c>api/echo</c>). It verifies what it receives with its own implementation of the RFCs, so a client that passes against
/// it would pass against a strict provider.
/// </summary>
/// <remarks>
/// A test registers consumers, clients and users, decides consent without a browser (<see cref="ApproveAsync"/>), moves
/// time (through <see cref="TestProviderOptions.TimeProvider"/>), expires and revokes grants, injects faults per endpoint,
/// and inspects every request it received (<see cref="Requests"/>, <see cref="AssertReceived"/>). Dispose it to stop it.
/// </remarks>
/// <example>
/// <code>
/// await using var provider = await TestProvider.StartAsync();
/// var client = provider.AddOAuth2Client(ClientAuthMethod.ClientSecretBasic);
/// var app = IMyApi.Create(provider.CreateHttpClient(), provider.CreateOptions(client, IMyApi.CreateOptions()));
/// var redirect = await app.AuthorizeAsync(TestProvider.DefaultRedirectUri);
/// var result = await app.AuthorizedResponseAsync(await provider.ApproveAsync(redirect.Url), redirect.Pending);
/// </code>
/// </example>
public sealed class TestProvider : IAsyncDisposable
{
    /// <summary>The authorize endpoints' parameter that decides at once: <c>approve</c> or <c>deny</c>.</summary>
    public const string DecisionParameter = "decision";

    /// <summary>The authorize endpoints' parameter naming the deciding user's id (default: <see cref="SignedInUser"/>).</summary>
    public const string UserParameter = "user";

    /// <summary>The redirect URI clients are registered with by default; a loopback IP literal, so any port matches (RFC 8252 §7.3).</summary>
    public const string DefaultRedirectUri = "http://127.0.0.1/callback";

    private readonly WebApplication _app;
    private readonly ProviderState _state;
    private readonly FaultPlan _faults;
    private readonly RequestLog _log;
    private readonly HttpClient _browser;

    private TestProvider(WebApplication app, Uri baseUrl, TestProviderOptions options, ProviderState state, FaultPlan faults, RequestLog log)
    {
        _app = app;
        _state = state;
        _faults = faults;
        _log = log;
        BaseUrl = baseUrl;
        Transport = options.Transport;
        TimeProvider = options.TimeProvider;
        DefaultUser = AddUser("user", "Test User", "user@example.test", "1");
        _state.SignedInUser = DefaultUser;
        _browser = CreateHttpClient();
    }

    /// <summary>The provider's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>How the provider is reached.</summary>
    public TestProviderTransport Transport { get; }

    /// <summary>The provider's clock (<see cref="TestProviderOptions.TimeProvider"/>); the options it hands out carry it too.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>OAuth 1.0a temporary-credentials endpoint.</summary>
    public Uri OAuth1RequestTokenUrl => Url(OAuth1Endpoints.RequestTokenPath);

    /// <summary>OAuth 1.0a resource-owner authorization endpoint.</summary>
    public Uri OAuth1AuthorizeUrl => Url(OAuth1Endpoints.AuthorizePath);

    /// <summary>OAuth 1.0a token-credentials endpoint.</summary>
    public Uri OAuth1AccessTokenUrl => Url(OAuth1Endpoints.AccessTokenPath);

    /// <summary>OAuth 2.0 authorization endpoint.</summary>
    public Uri OAuth2AuthorizeUrl => Url(OAuth2Endpoints.AuthorizePath);

    /// <summary>OAuth 2.0 token endpoint.</summary>
    public Uri OAuth2TokenUrl => Url(OAuth2Endpoints.TokenPath);

    /// <summary>RFC 7009 revocation endpoint.</summary>
    public Uri OAuth2RevocationUrl => Url(OAuth2Endpoints.RevocationPath);

    /// <summary>RFC 8414 authorization server metadata.</summary>
    public Uri MetadataUrl => Url(OAuth2Endpoints.MetadataPath);

    /// <summary>The API's base URL: <c>me</c> (the user, as JSON) and <c>echo</c> (what arrived) live under it.</summary>
    public Uri ApiBaseUrl => Url(ApiEndpoints.BasePath + "/");

    /// <summary>The user registered at start (id <c>1</c>, login <c>user</c>).</summary>
    public TestUser DefaultUser { get; }

    /// <summary>The user the consent page shows as signed in, who decides when a decision names no user.</summary>
    public TestUser SignedInUser
    {
        get => _state.SignedInUser!;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (_state.FindUser(value.Id) != value) throw new ArgumentException("Register the user with AddUser first.", nameof(value));
            _state.SignedInUser = value;
        }
    }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => _log.Snapshot();

    /// <summary>Starts a provider: on 127.0.0.1 and a port the OS picks, or in memory (<see cref="TestProviderOptions.Transport"/>).</summary>
    public static async Task<TestProvider> StartAsync(TestProviderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestProviderOptions();
        // The empty builder reads no appsettings.json, environment variables or ASPNETCORE_URLS: embedded in a test or an
        // app, the provider must not pick up that app's Kestrel endpoints or settings.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TestProvider).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(logging => options.ConfigureLogging?.Invoke(logging));
        if (options.Transport == TestProviderTransport.InMemory)
        {
            builder.WebHost.UseTestServer(server => server.BaseAddress = new Uri("http://127.0.0.1/"));
        }
        else
        {
            // Loopback only, port 0: never reachable from outside, never clashing with anything else running.
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }

        var app = builder.Build();
        var state = new ProviderState(options);
        var faults = new FaultPlan();
        var log = new RequestLog();
        app.UseMiddleware<ExchangeMiddleware>(faults, log);
        app.UseRouting();
        OAuth1Endpoints.Map(app, state);
        OAuth2Endpoints.Map(app, state);
        ApiEndpoints.Map(app, state);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var baseUrl = options.Transport == TestProviderTransport.InMemory
            ? app.GetTestServer().BaseAddress
            : new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");
        return new TestProvider(app, baseUrl, options, state, faults, log);
    }

    /// <summary>
    /// A handler that reaches this provider and does not follow redirects (the callback is for the test to read): in
    /// memory for <see cref="TestProviderTransport.InMemory"/>, a socket handler on loopback otherwise.
    /// </summary>
    public HttpMessageHandler CreateHandler() => Transport == TestProviderTransport.InMemory
        ? _app.GetTestServer().CreateHandler()
        : new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/>, for a generated client or raw requests.</summary>
    public HttpClient CreateHttpClient() => new(CreateHandler()) { BaseAddress = BaseUrl };

    // ---- Registrations ---------------------------------------------------------------------------------------------

    /// <summary>Registers a user who can approve or deny.</summary>
    /// <param name="login">Login name (<c>screen_name</c>).</param>
    /// <param name="name">Display name; defaults to the login.</param>
    /// <param name="email">E-mail address; defaults to <c>login@example.test</c>.</param>
    /// <param name="id">User id; a new one when omitted.</param>
    public TestUser AddUser(string login, string? name = null, string? email = null, string? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(login);
        var user = new TestUser(id ?? RandomTokens.New(6), login, name ?? login, email ?? $"{login}@example.test");
        _state.Add(user);
        return user;
    }

    /// <summary>Registers an OAuth 1.0a consumer that signs with <paramref name="signatureMethod"/> only.</summary>
    /// <param name="signatureMethod"><see cref="SignatureMethod.HmacSha1"/>, <see cref="SignatureMethod.RsaSha1"/> or <see cref="SignatureMethod.Plaintext"/>.</param>
    /// <param name="key">The consumer key; a new one when omitted.</param>
    /// <param name="secret">The consumer secret (HMAC-SHA1, PLAINTEXT); a new one when omitted.</param>
    /// <param name="rsaPublicKey">
    /// RSA-SHA1: the PEM public key that verifies signatures. When omitted the provider makes a key pair and hands the
    /// private key to the client through <see cref="OAuth1Consumer.RsaPrivateKey"/>.
    /// </param>
    public OAuth1Consumer AddOAuth1Consumer(SignatureMethod signatureMethod = SignatureMethod.HmacSha1, string? key = null, string? secret = null,
        string? rsaPublicKey = null)
    {
        _ = OAuth1Verifier.SignatureMethodName(signatureMethod); // only the RFC 5849 methods
        if (signatureMethod == SignatureMethod.RsaSha1 && secret is not null)
        {
            throw new ArgumentException("An RSA-SHA1 consumer signs with its private key and has no secret.", nameof(secret));
        }
        if (signatureMethod != SignatureMethod.RsaSha1 && rsaPublicKey is not null)
        {
            throw new ArgumentException("Only an RSA-SHA1 consumer has a public key.", nameof(rsaPublicKey));
        }
        string? privateKey = null;
        if (signatureMethod == SignatureMethod.RsaSha1 && rsaPublicKey is null)
        {
            using var rsa = RSA.Create(2048);
            privateKey = rsa.ExportPkcs8PrivateKeyPem();
            rsaPublicKey = rsa.ExportSubjectPublicKeyInfoPem();
        }
        else if (signatureMethod == SignatureMethod.RsaSha1)
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(rsaPublicKey); // refuses a malformed key now, not at the first request
        }
        var consumer = new OAuth1Consumer(key ?? "consumer-" + RandomTokens.New(6),
            signatureMethod == SignatureMethod.RsaSha1 ? null : secret ?? RandomTokens.New(), signatureMethod, rsaPublicKey, privateKey);
        _state.Add(consumer);
        return consumer;
    }

    /// <summary>
    /// Registers one more redirect URI for <paramref name="client"/>, for a site whose address is known only once it has
    /// started (a <c>localhost</c> callback on a free port; loopback IP literals match on any port already).
    /// </summary>
    /// <returns>The client's registration as it is now.</returns>
    /// <exception cref="ArgumentException"><paramref name="redirectUri"/> is not an absolute URI, or the client is not registered here.</exception>
    public OAuth2Client AddRedirectUri(OAuth2Client client, string redirectUri)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!Uri.IsWellFormedUriString(redirectUri, UriKind.Absolute)) throw new ArgumentException("The redirect URI must be absolute.", nameof(redirectUri));
        var current = _state.FindClient(client.ClientId) ?? throw new ArgumentException($"The client '{client.ClientId}' is not registered here.", nameof(client));
        var changed = current.WithRedirectUri(redirectUri);
        _state.Replace(changed);
        return changed;
    }

    /// <summary>Registers an OAuth 2.0 client.</summary>
    /// <param name="authentication">
    /// How it authenticates at the token endpoint: <see cref="ClientAuthMethod.ClientSecretPost"/>,
    /// <see cref="ClientAuthMethod.ClientSecretBasic"/>, or <see cref="ClientAuthMethod.None"/> for a public client.
    /// </param>
    /// <param name="clientId">The client id; a new one when omitted.</param>
    /// <param name="secret">The secret of a confidential client; a new one when omitted.</param>
    /// <param name="redirectUris">Registered redirect URIs; <see cref="DefaultRedirectUri"/> when omitted.</param>
    /// <param name="allowPlainPkce">Whether <c>code_challenge_method=plain</c> is accepted besides S256.</param>
    /// <param name="alsoAccepted">Further authentication methods the provider accepts from this client (the same three).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="authentication"/> or a method in <paramref name="alsoAccepted"/> is
    /// <see cref="ClientAuthMethod.PrivateKeyJwt"/> or <see cref="ClientAuthMethod.ClientSecretJwt"/>: the provider does not
    /// verify client assertions (RFC 7523), so such a client could never authenticate.
    /// </exception>
    /// <exception cref="ArgumentException">A public client (only <see cref="ClientAuthMethod.None"/>) is given a secret, or the client id is taken.</exception>
    public OAuth2Client AddOAuth2Client(ClientAuthMethod authentication = ClientAuthMethod.ClientSecretPost, string? clientId = null,
        string? secret = null, IEnumerable<string>? redirectUris = null, bool allowPlainPkce = false, IEnumerable<ClientAuthMethod>? alsoAccepted = null)
    {
        RequireVerifiable(authentication, nameof(authentication));
        var methods = new[] { authentication }.Concat(alsoAccepted ?? []).Distinct().ToArray();
        foreach (var method in methods) RequireVerifiable(method, nameof(alsoAccepted));
        var confidential = methods.Any(method => method != ClientAuthMethod.None);
        if (!confidential && secret is not null) throw new ArgumentException("A public client has no secret.", nameof(secret));
        var client = new OAuth2Client(clientId ?? "client-" + RandomTokens.New(6), confidential ? secret ?? RandomTokens.New() : null, methods,
            (redirectUris ?? [DefaultRedirectUri]).ToArray(), allowPlainPkce);
        _state.Add(client);
        return client;
    }

    /// <summary>
    /// Points <paramref name="options"/> (for example <c>IMyApi.CreateOptions()</c>; new options when omitted) at this
    /// provider for <paramref name="consumer"/>: base and endpoint URLs, key, secret or RSA key, signature method, clock.
    /// </summary>
    public RemoteAppOptions CreateOptions(OAuth1Consumer consumer, RemoteAppOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        options ??= new RemoteAppOptions { Name = consumer.Key };
        foreach (var (name, value) in Settings(consumer)) ClientSettings.Apply(options, name, value);
        options.TimeProvider = TimeProvider;
        return options;
    }

    /// <summary>
    /// Points <paramref name="options"/> (for example <c>IMyApi.CreateOptions()</c>; new options when omitted) at this
    /// provider for <paramref name="client"/>: base and endpoint URLs, client id and secret, client authentication, clock.
    /// <see cref="RemoteAppOptions.RequestTokenUrl"/> is cleared, since it is what makes options OAuth 1.0a.
    /// </summary>
    public RemoteAppOptions CreateOptions(OAuth2Client client, RemoteAppOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new RemoteAppOptions { Name = client.ClientId };
        options.RequestTokenUrl = null;
        foreach (var (name, value) in Settings(client)) ClientSettings.Apply(options, name, value);
        options.TimeProvider = TimeProvider;
        return options;
    }

    /// <summary>
    /// The configuration values an app reads under <paramref name="appKey"/> (nested keys, e.g. <c>GitHub:ConsumerKey</c>),
    /// for <c>services.AddRemoteApp&lt;T&gt;()</c> or an in-memory configuration source.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ConfigurationFor(string appKey, OAuth1Consumer consumer)
    {
        ArgumentException.ThrowIfNullOrEmpty(appKey);
        ArgumentNullException.ThrowIfNull(consumer);
        return Settings(consumer).ToDictionary(pair => $"{appKey}:{pair.Key}", pair => (string?)pair.Value);
    }

    /// <inheritdoc cref="ConfigurationFor(string, OAuth1Consumer)"/>
    public IReadOnlyDictionary<string, string?> ConfigurationFor(string appKey, OAuth2Client client)
    {
        ArgumentException.ThrowIfNullOrEmpty(appKey);
        ArgumentNullException.ThrowIfNull(client);
        return Settings(client).ToDictionary(pair => $"{appKey}:{pair.Key}", pair => (string?)pair.Value);
    }

    // ---- Consent ---------------------------------------------------------------------------------------------------

    /// <summary>An authorize URL that approves at once when fetched, as <paramref name="user"/> (default: <see cref="SignedInUser"/>).</summary>
    public static Uri Approve(Uri authorizeUrl, TestUser? user = null) => WithDecision(authorizeUrl, "approve", user);

    /// <summary>An authorize URL that denies at once when fetched.</summary>
    public static Uri Deny(Uri authorizeUrl, TestUser? user = null) => WithDecision(authorizeUrl, "deny", user);

    /// <summary>
    /// Plays the user's browser: opens <paramref name="authorizeUrl"/> (what <c>AuthorizeAsync</c> returned), approves as
    /// <paramref name="user"/>, and returns the callback URL the provider sends the browser to, for <c>AuthorizedResponseAsync</c>.
    /// </summary>
    /// <remarks>
    /// <para>The provider's redirect is not followed: its <c>Location</c> is returned. An OAuth 2.0 request with
    /// <c>response_mode=form_post</c> is answered with a page whose form the browser posts to the redirect URI instead; this
    /// method reads that form as the browser's script submits it and returns its target with the posted fields
    /// (<c>code</c> and <c>state</c>) in the query, so <c>AuthorizedResponseAsync(callback, pending)</c> reads them the same
    /// way. To post them to a site as the browser does, send the query's fields as a form body
    /// (<c>application/x-www-form-urlencoded</c>) to the URL without its query.</para>
    /// <para>An OAuth 1.0a flow started with the callback <c>oob</c> has no callback URL: the provider shows the verifier instead
    /// of redirecting, so this method throws for it; use <see cref="ApproveOutOfBandAsync"/>, which returns the verifier.</para>
    /// </remarks>
    /// <exception cref="TestProviderAssertionException">
    /// The provider refused the authorization request instead of sending the browser back, or the flow's callback is <c>oob</c>.
    /// </exception>
    public Task<Uri> ApproveAsync(Uri authorizeUrl, TestUser? user = null, CancellationToken cancellationToken = default) =>
        DecideAsync(Approve(authorizeUrl, user), cancellationToken);

    /// <summary>Plays the user's browser clicking Deny; returns the callback URL (with <c>error=access_denied</c> or <c>denied=</c>).</summary>
    /// <remarks>
    /// As with <see cref="ApproveAsync"/>, a <c>response_mode=form_post</c> answer is read from its form: the returned URL is
    /// the form's target with the posted <c>error</c>, <c>error_description</c> and <c>state</c> in the query.
    /// </remarks>
    /// <exception cref="TestProviderAssertionException">
    /// The provider refused the authorization request instead of sending the browser back, or the flow's callback is
    /// <c>oob</c> (there is no callback to return: the user simply never gets a verifier).
    /// </exception>
    public Task<Uri> DenyAsync(Uri authorizeUrl, TestUser? user = null, CancellationToken cancellationToken = default) =>
        DecideAsync(Deny(authorizeUrl, user), cancellationToken);

    /// <summary>
    /// Plays the user of an out-of-band OAuth 1.0a flow (started with the callback <c>oob</c>, RFC 5849 §2.1): opens
    /// <paramref name="authorizeUrl"/>, approves as <paramref name="user"/>, and returns the verifier the provider shows
    /// instead of redirecting, the code a user would type into the app. The app completes the flow with it:
    /// <c>AuthorizedResponseAsync([new("oauth_verifier", verifier)], pending)</c>.
    /// </summary>
    /// <exception cref="TestProviderAssertionException">
    /// The provider refused the authorization request, or redirected to a callback (the flow is not out-of-band: use
    /// <see cref="ApproveAsync"/>).
    /// </exception>
    public async Task<string> ApproveOutOfBandAsync(Uri authorizeUrl, TestUser? user = null, CancellationToken cancellationToken = default)
    {
        var url = Approve(authorizeUrl, user);
        using var response = await _browser.GetAsync(url, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Found)
        {
            throw new TestProviderAssertionException(
                $"The authorize endpoint redirected to {response.Headers.Location}: this flow has a callback URL, not oob. Use ApproveAsync for it.");
        }
        if (response.StatusCode != HttpStatusCode.OK || OutOfBandVerifier(body) is not { } verifier)
        {
            throw new TestProviderAssertionException(
                $"The authorize endpoint answered {(int)response.StatusCode} without an out-of-band verifier: {body}");
        }
        return verifier;
    }

    // ---- Time and grants -------------------------------------------------------------------------------------------

    /// <summary>Makes one OAuth 2.0 access token expire now; <see langword="false"/> if the provider does not know it.</summary>
    public bool ExpireAccessToken(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        return _state.ExpireAccessTokens(accessToken) > 0;
    }

    /// <summary>Makes every OAuth 2.0 access token expire now; returns how many.</summary>
    public int ExpireAccessTokens() => _state.ExpireAccessTokens(null);

    /// <summary>
    /// Revokes the grant a token belongs to, as a user removing the app would: by an OAuth 2.0 access or refresh token
    /// (every token of that authorization stops working) or an OAuth 1.0a access token. <see langword="false"/> if unknown.
    /// </summary>
    public bool RevokeGrant(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _state.RevokeGrant(token);
    }

    // ---- Faults ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Makes the next <paramref name="times"/> requests at <paramref name="endpoint"/> meet <paramref name="fault"/>
    /// (<see cref="int.MaxValue"/>: every request). Faults injected at one endpoint are served in order.
    /// </summary>
    public void InjectFault(TestEndpoint endpoint, TestFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        _faults.Add(endpoint, fault, times);
    }

    /// <summary>Removes every fault not yet served.</summary>
    public void ClearFaults() => _faults.Clear();

    // ---- Inspection ------------------------------------------------------------------------------------------------

    /// <summary>The requests received at one endpoint, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> RequestsTo(TestEndpoint endpoint) => _log.Snapshot().Where(request => request.Endpoint == endpoint).ToArray();

    /// <summary>Forgets the requests received so far.</summary>
    public void ClearRequests() => _log.Clear();

    /// <summary>
    /// Asserts that a received request matches <paramref name="expected"/> and returns the last one that does. On failure
    /// the message shows, for each candidate request, which fields differed and how.
    /// </summary>
    /// <exception cref="TestProviderAssertionException">No request matched.</exception>
    public ReceivedRequest AssertReceived(RequestExpectation expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var requests = _log.Snapshot();
        var match = requests.LastOrDefault(request => expected.Differences(request).Count == 0);
        return match ?? throw new TestProviderAssertionException(ExpectationReport.NoMatch(expected, requests));
    }

    /// <summary>Asserts that no received request matches <paramref name="expected"/>.</summary>
    /// <exception cref="TestProviderAssertionException">A request matched; the message lists them.</exception>
    public void AssertNotReceived(RequestExpectation expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var matches = _log.Snapshot().Where(request => expected.Differences(request).Count == 0).ToList();
        if (matches.Count > 0) throw new TestProviderAssertionException(ExpectationReport.UnexpectedMatch(expected, matches));
    }

    /// <summary>Stops the provider.</summary>
    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    /// <summary>Refuses the client authentication methods the token endpoint cannot verify (it reads no client assertions).</summary>
    private static void RequireVerifiable(ClientAuthMethod method, string parameterName)
    {
        if (method is not (ClientAuthMethod.ClientSecretPost or ClientAuthMethod.ClientSecretBasic or ClientAuthMethod.None))
        {
            throw new ArgumentOutOfRangeException(parameterName, method,
                "The provider verifies client_secret_post, client_secret_basic and none; it cannot verify client assertions (private_key_jwt, client_secret_jwt).");
        }
    }

    private async Task<Uri> DecideAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await _browser.GetAsync(url, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Found || response.Headers.Location is not { } location)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            // form_post: where the page's script would post, and what; the fields go in the query, as a redirect carries them.
            if (response.StatusCode == HttpStatusCode.OK && FormPostPage.Read(body) is { } form)
            {
                return new Uri(FormEncoding.AppendQuery(form.Action, form.Fields));
            }
            if (response.StatusCode == HttpStatusCode.OK && (OutOfBandVerifier(body) is not null || FormEncoding.Parse(body).First("denied") is not null))
            {
                throw new TestProviderAssertionException(
                    "This OAuth 1.0a flow's callback is oob: the provider showed the user the outcome instead of redirecting, so there " +
                    "is no callback URL. Use ApproveOutOfBandAsync, which returns the verifier for AuthorizedResponseAsync.");
            }
            throw new TestProviderAssertionException(
                $"The authorize endpoint answered {(int)response.StatusCode} instead of sending the browser back to the client: {body}");
        }
        return location.IsAbsoluteUri ? location : new Uri(url, location);
    }

    /// <summary>The verifier of the page an out-of-band approval shows (<c>oauth_token=…&amp;oauth_verifier=…</c>).</summary>
    private static string? OutOfBandVerifier(string page) => FormEncoding.Parse(page).First("oauth_verifier") is { Length: > 0 } verifier ? verifier : null;

    private static Uri WithDecision(Uri authorizeUrl, string decision, TestUser? user)
    {
        ArgumentNullException.ThrowIfNull(authorizeUrl);
        List<KeyValuePair<string, string>> parameters = [new(DecisionParameter, decision)];
        if (user is not null) parameters.Add(new(UserParameter, user.Id));
        return new Uri(FormEncoding.AppendQuery(authorizeUrl.AbsoluteUri, parameters));
    }

    private List<KeyValuePair<string, string>> Settings(OAuth1Consumer consumer)
    {
        List<KeyValuePair<string, string>> settings =
        [
            new(nameof(RemoteAppOptions.BaseUrl), BaseUrl.AbsoluteUri),
            new(nameof(RemoteAppOptions.RequestTokenUrl), OAuth1RequestTokenUrl.AbsoluteUri),
            new(nameof(RemoteAppOptions.AuthorizeUrl), OAuth1AuthorizeUrl.AbsoluteUri),
            new(nameof(RemoteAppOptions.AccessTokenUrl), OAuth1AccessTokenUrl.AbsoluteUri),
            new(nameof(RemoteAppOptions.ConsumerKey), consumer.Key),
            new(nameof(RemoteAppOptions.SignatureMethod), consumer.SignatureMethod.ToString()),
        ];
        if (consumer.Secret is not null) settings.Add(new(nameof(RemoteAppOptions.ConsumerSecret), consumer.Secret));
        if (consumer.RsaPrivateKey is not null) settings.Add(new(nameof(RemoteAppOptions.RsaKey), consumer.RsaPrivateKey));
        return settings;
    }

    private List<KeyValuePair<string, string>> Settings(OAuth2Client client)
    {
        List<KeyValuePair<string, string>> settings =
        [
            new(nameof(RemoteAppOptions.BaseUrl), BaseUrl.AbsoluteUri),
            new(nameof(RemoteAppOptions.AuthorizeUrl), OAuth2AuthorizeUrl.AbsoluteUri),
            new(nameof(RemoteAppOptions.AccessTokenUrl), OAuth2TokenUrl.AbsoluteUri),
            new(nameof(RemoteAppOptions.RevocationUrl), OAuth2RevocationUrl.AbsoluteUri),
            new(nameof(RemoteAppOptions.ConsumerKey), client.ClientId),
            new(nameof(RemoteAppOptions.ClientAuthMethod), client.Authentication.ToString()),
        ];
        if (client.Secret is not null) settings.Add(new(nameof(RemoteAppOptions.ConsumerSecret), client.Secret));
        return settings;
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace OAuthGen.Runtime.Tests.OAuth2;

/// <summary>Client secret, tokens, codes and the PKCE verifier never show in messages, ToString or logs.</summary>
public class SecretLeakTests
{
    private const string AccessToken = "at-SECRET-access-0001";
    private const string RefreshToken = "rt-SECRET-refresh-0002";
    private const string Code = "code-SECRET-0003";

    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception) + exception);
    }

    private static void AssertClean(string text, params string[] secrets)
    {
        foreach (var secret in new[] { FakeProvider.ClientSecret, AccessToken, RefreshToken, Code }) Assert.DoesNotContain(secret, text);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, text);
    }

    private static string Describe(Exception e)
    {
        var text = e.ToString();
        for (var inner = e; inner is not null; inner = inner.InnerException) text += "\n" + inner.Message;
        return text;
    }

    [Fact]
    public async Task Errors_along_the_whole_flow_never_show_secrets()
    {
        var logger = new ListLogger();
        var provider = new FakeProvider();
        var options = FakeProvider.Options(o => o.TokenStore = new MemoryTokenStore(null));
        var app = new RemoteApp(provider.Client(), options, logger);
        var pending = (await app.AuthorizeAsync("https://app.example.com/cb")).Pending;
        var verifier = pending.CodeVerifier!;
        var failures = new List<Exception>();
        async Task Capture(Func<Task> action) => failures.Add(await Assert.ThrowsAnyAsync<Exception>(action));

        // State mismatch, authorization error.
        await Capture(() => app.AuthorizedResponseAsync([new("code", Code), new("state", "forged")], pending));
        await Capture(() => app.AuthorizedResponseAsync([new("error", "server_error"), new("state", pending.State!)], pending));
        // Token endpoint: OAuth error, HTML page, success without access_token, unreadable success.
        foreach (var respond in new Func<object, System.Net.Http.HttpResponseMessage>[]
        {
            _ => StubHandler.Respond("""{"error":"invalid_grant"}""", status: HttpStatusCode.BadRequest),
            _ => StubHandler.Respond($"<html><body>Internal error {new string('-', 300)}</body></html>", "text/html", HttpStatusCode.InternalServerError),
            _ => StubHandler.Respond($$"""{"refresh_token":"{{RefreshToken}}","id_token":"{{AccessToken}}"}"""),
            _ => StubHandler.Respond("Service temporarily unavailable", "text/plain"),
        })
        {
            provider.On(FakeProvider.TokenUrl, respond);
            await Capture(() => app.AuthorizedResponseAsync([new("code", Code), new("state", pending.State!)], pending));
        }
        // Refresh failure on an expired token.
        provider.On(FakeProvider.TokenUrl, _ => StubHandler.Respond("""{"error":"invalid_grant"}""", status: HttpStatusCode.BadRequest));
        var expired = new OAuthToken(AccessToken) { RefreshToken = RefreshToken, ExpiresAt = options.TimeProvider.GetUtcNow().AddMinutes(-1) };
        var withExpiredStored = new RemoteApp(provider.Client(), FakeProvider.Options(o => o.TokenStore = new MemoryTokenStore(expired)), logger);
        await Capture(() => withExpiredStored.GetAsync("me"));
        await Capture(() => app.RefreshAsync(expired));
        // Missing configuration, PKCE misuse.
        await Capture(() => provider.App(o => { o.AppKey = "Leaky"; o.ConsumerSecret = null; }).ClientCredentialsAsync());
        failures.Add(Assert.Throws<ArgumentException>(() => Pkce.FromVerifier(verifier + "!")));

        Assert.Equal(10, failures.Count);
        Assert.All(failures, e => AssertClean(Describe(e), verifier));
        Assert.Contains(failures, e => e is OAuthException { Type: OAuthErrorType.RefreshFailed });
        Assert.All(logger.Lines, line => AssertClean(line, verifier));
        Assert.NotEmpty(logger.Lines);
    }

    [Fact]
    public async Task ToString_of_tokens_pending_authorizations_options_and_pkce_hides_secrets()
    {
        var app = new FakeProvider().App();
        var pending = (await app.AuthorizeAsync("https://app.example.com/cb")).Pending;
        var token = new OAuthToken(AccessToken) { RefreshToken = RefreshToken, Extra = new Dictionary<string, string> { ["id_token"] = Code } };
        var pkce = Pkce.Create(CodeChallengeMethod.Plain);

        AssertClean(token.ToString());
        AssertClean(pending.ToString(), pending.CodeVerifier!, pending.State!);
        AssertClean(app.Options.ToString());
        AssertClean(pkce.ToString(), pkce.Verifier);
        AssertClean(AuthorizationResult.Granted(token).ToString());
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OAuthGen.DependencyInjection.Tests;

/// <summary>
/// A token endpoint that echoes the whole request (form body and Authorization header) into its error, reached through
/// IHttpClientFactory with Trace-level logging and an activity listener on every source: no secret reaches a log line,
/// an activity, or an exception's message or ToString.
/// </summary>
public class EchoingTokenEndpointTests
{
    private const string ConsumerSecret = "CS-5f3a9-consumer-secret";
    private const string Code = "AC-77e1c-authorization-code";

    /// <summary>Echoes everything it received into error_description, as a careless server does.</summary>
    private sealed class EchoingServer : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var echo = $"{request.RequestUri} {request.Headers.Authorization} {body}".Replace("\\", "\\\\").Replace("\"", "\\\"");
            return new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent($$"""{"error":"invalid_request","error_description":"you sent: {{echo}}"}""", Encoding.UTF8, "application/json"),
            };
        }
    }

    [Theory]
    [InlineData("client_secret_post")]
    [InlineData("client_secret_basic")]
    public async Task Secrets_echoed_by_a_token_endpoint_reach_no_log_activity_or_exception(string clientAuth)
    {
        var logs = new CapturingLoggerProvider();
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) activities.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        var services = new ServiceCollection();
        services.AddSingleton(Config.From(("Example:ConsumerKey", "client-id-9"), ("Example:ConsumerSecret", ConsumerSecret),
            ("Example:AccessTokenUrl", "https://auth.example.com/token"), ("Example:AuthorizeUrl", "https://auth.example.com/authorize"),
            ("Example:ClientAuthMethod", clientAuth)));
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddRemoteApp<IExampleApi>().ConfigurePrimaryHttpMessageHandler(() => new EchoingServer());
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IExampleApi>();

        var redirect = await client.AuthorizeAsync("https://client.example/callback");
        var exchange = await Assert.ThrowsAsync<OAuthException>(() =>
            client.AuthorizedResponseAsync([new("code", Code), new("state", redirect.Pending.State!)], redirect.Pending));
        var clientCredentials = await Assert.ThrowsAsync<OAuthException>(() => client.ClientCredentialsAsync("scope-" + clientAuth));

        var basic = Convert.ToBase64String(Encoding.ASCII.GetBytes("client-id-9:" + ConsumerSecret));
        var secrets = new[] { ConsumerSecret, Code, redirect.Pending.CodeVerifier!, basic, Uri.EscapeDataString(ConsumerSecret) };
        var everything = string.Join("\n", logs.Entries.Select(e => e.Text))
            + string.Join("\n", activities.Select(a => a.DisplayName + " " + string.Join(",", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))))
            + string.Join("\n", new[] { exchange, clientCredentials }.SelectMany(e => new[] { e.Message, e.ToString(), e.ErrorDescription ?? "" }));
        Assert.Contains("you sent", exchange.Message); // the server's text is quoted...
        foreach (var secret in secrets) Assert.DoesNotContain(secret, everything, StringComparison.Ordinal); // ...without its secrets
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
    }
}

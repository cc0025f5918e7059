using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.Configuration;
using OAuthGen;
using OAuthGen.Samples.DeviceCli;

// Sign in from a terminal: show the user a code to enter in a browser elsewhere, then wait for the approval.
// Exit codes: 0 signed in, 1 denied, 2 the code expired, 3 another failure, 130 cancelled (Ctrl+C).
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
var options = IDeviceCli.CreateOptions();
RemoteAppConfiguration.Bind(options, configuration);
// GitHub's endpoints unless configuration names another provider.
options.BaseUrl ??= "https://api.github.com/";
options.DeviceAuthorizationUrl ??= "https://github.com/login/device/code";
options.AccessTokenUrl ??= "https://github.com/login/oauth/access_token";
options.Scope ??= "read:user";
var profilePath = configuration["DeviceCli:ProfilePath"] ?? "user";

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop polling cleanly instead of killing the process
    cancellation.Cancel();
};

try
{
    using var http = new HttpClient();
    var app = IDeviceCli.Create(http, options);
    var authorization = await app.StartDeviceAuthorizationAsync(cancellationToken: cancellation.Token);
    Console.WriteLine($"To sign in, open {authorization.VerificationUri} and enter the code: {authorization.UserCode}");
    if (authorization.VerificationUriComplete is { } complete) Console.WriteLine($"Or open {complete}");
    Console.WriteLine($"Waiting for approval (the code expires at {authorization.ExpiresAt.ToLocalTime():T})...");

    var token = await app.PollDeviceTokenAsync(authorization, cancellation.Token);
    Console.WriteLine($"Signed in{(token.ExpiresAt is { } expiresAt ? $"; the token expires at {expiresAt.ToLocalTime():T}" : "")}.");

    var profile = await app.GetAsync(profilePath, headers: new Dictionary<string, string> { ["User-Agent"] = "OAuthGen-DeviceCli" },
        token: token, cancellationToken: cancellation.Token);
    Console.WriteLine($"GET {profilePath}: {(int)profile.Status}");
    Console.WriteLine(profile.Text);
    return 0;
}
catch (OAuthException e) when (e.Type == OAuthErrorType.DeviceAuthorizationDenied)
{
    Console.Error.WriteLine("The sign-in was denied.");
    return 1;
}
catch (OAuthException e) when (e.Type == OAuthErrorType.DeviceCodeExpired)
{
    Console.Error.WriteLine("The code expired before it was approved; run again.");
    return 2;
}
catch (OAuthException e)
{
    // Messages never hold secrets or tokens: safe to print.
    Console.Error.WriteLine($"Sign-in failed ({e.Type}): {e.Message}");
    return 3;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

using System;

namespace OAuthGen.Testing;

/// <summary>
/// Something going wrong at an endpoint, injected with <see cref="TestProvider.InjectFault"/>: an outage, a slow or lost
/// answer, a refusal, or a real provider's quirk.
/// </summary>
public sealed class TestFault
{
    private TestFault(TestFaultKind kind, string description, TimeSpan delay = default, string? error = null)
    {
        Kind = kind;
        Description = description;
        Delay = delay;
        Error = error;
    }

    /// <summary>What happens.</summary>
    public TestFaultKind Kind { get; }

    /// <summary>How long <see cref="TestFaultKind.Slow"/> waits (real time) before the endpoint runs.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The OAuth error code of <see cref="TestFaultKind.InvalidGrant"/> and <see cref="TestFaultKind.ErrorOnHttp200"/>.</summary>
    public string? Error { get; }

    /// <summary>Human-readable, for failure messages.</summary>
    public string Description { get; }

    /// <summary>The endpoint runs (a code is spent, a token issued), then the connection drops before any answer.</summary>
    public static TestFault LostResponse() => new(TestFaultKind.LostResponse, "lost response");

    /// <summary>HTTP 500 with a plain-text body, without running the endpoint.</summary>
    public static TestFault ServerError() => new(TestFaultKind.ServerError, "HTTP 500");

    /// <summary>The endpoint answers normally after <paramref name="delay"/> of real time.</summary>
    public static TestFault Slow(TimeSpan delay) =>
        delay < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(delay)) : new(TestFaultKind.Slow, $"slow ({delay.TotalMilliseconds:0} ms)", delay);

    /// <summary>HTTP 400 <c>{"error":"invalid_grant"}</c> (RFC 6749 §5.2), without running the endpoint.</summary>
    public static TestFault InvalidGrant() => new(TestFaultKind.InvalidGrant, "invalid_grant", error: "invalid_grant");

    /// <summary>
    /// An error in an HTTP 200 answer, as GitHub sends <c>error=bad_verification_code</c>; form-encoded like GitHub's
    /// default answer, without running the endpoint.
    /// </summary>
    public static TestFault ErrorOnHttp200(string error = "bad_verification_code") =>
        new(TestFaultKind.ErrorOnHttp200, $"{error} on HTTP 200", error: error);

    /// <summary>
    /// GitHub's default token answer: the endpoint runs, its JSON object is sent as <c>application/x-www-form-urlencoded</c>.
    /// An answer that is not a JSON object (revocation's empty 200, an authorize redirect, an OAuth 1.0a form) is sent
    /// unchanged, so the fault can stay injected across a whole flow.
    /// </summary>
    public static TestFault GitHubFormToken() => new(TestFaultKind.GitHubFormToken, "GitHub form-encoded answer");

    /// <summary>Weibo's token answer: the endpoint runs, its JSON is labelled <c>text/plain</c>.</summary>
    public static TestFault WeiboTextPlain() => new(TestFaultKind.WeiboTextPlain, "Weibo text/plain answer");

    /// <inheritdoc/>
    public override string ToString() => Description;
}

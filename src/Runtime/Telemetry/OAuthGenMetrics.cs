using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;

namespace OAuthGen;

/// <summary>
/// OAuthGen's instruments on one <see cref="OAuthGenTelemetry.Name"/> meter. Attribute names follow the OpenTelemetry
/// semantic conventions where one exists (<c>http.request.method</c>, <c>http.response.status_code</c>, <c>error.type</c>)
/// and use the <c>oauthgen.</c> namespace otherwise; every value comes from a small fixed set, so no secret, URL or user
/// ever becomes a tag. Each recording first asks whether anyone listens, so an unobserved app pays nothing.
/// </summary>
/// <remarks>
/// Apps created without dependency injection record on <see cref="Shared"/>, the process-wide meter; an app whose
/// <see cref="RemoteAppOptions.MeterFactory"/> is set (AddRemoteApp sets the container's) records on that factory's meter,
/// so each host, and each test's host, sees its own measurements only.
/// </remarks>
internal sealed class OAuthGenMetrics
{
    private const string AppTag = "oauthgen.app";
    private const string LegTag = "oauthgen.leg";
    private const string OutcomeTag = "oauthgen.outcome";
    private const string ErrorTypeTag = "error.type";

    /// <summary>Buckets for request durations in seconds, as OpenTelemetry advises for HTTP client durations.</summary>
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>One set of instruments per meter: a factory hands out the same meter for the same name and version.</summary>
    private static readonly ConditionalWeakTable<Meter, OAuthGenMetrics> ByMeter = new();

    /// <summary>The instruments of the process-wide <see cref="OAuthGenTelemetry.Meter"/>, for apps without a meter factory.</summary>
    public static OAuthGenMetrics Shared { get; } = new(OAuthGenTelemetry.Meter);

    private OAuthGenMetrics(Meter meter)
    {
        RequestDuration = meter.CreateHistogram<double>(
            "oauthgen.request.duration", unit: "s",
            description: "Duration of the requests remote apps send, including authentication and retries by the HttpClient pipeline.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        TokenRequests = meter.CreateCounter<long>(
            "oauthgen.token.requests", unit: "{request}", description: "Token requests by grant and outcome.");
        TokenRefreshes = meter.CreateCounter<long>(
            "oauthgen.token.refreshes", unit: "{refresh}", description: "Refreshes of stored tokens sent to the token endpoint, by outcome.");
        SignatureRejections = meter.CreateCounter<long>(
            "oauthgen.signature.rejections", unit: "{request}", description: "OAuth 1.0a-signed requests refused with 401, by oauth_problem.");
    }

    /// <summary>The instruments on <paramref name="meterFactory"/>'s OAuthGen meter, or <see cref="Shared"/> without one.</summary>
    public static OAuthGenMetrics For(IMeterFactory? meterFactory)
    {
        if (meterFactory is null) return Shared;
        var meter = meterFactory.Create(new MeterOptions(OAuthGenTelemetry.Name) { Version = OAuthGenTelemetry.Version });
        return ByMeter.GetValue(meter, static created => new OAuthGenMetrics(created));
    }

    /// <summary>Every request a remote app sends (resource calls and each OAuth leg), from the first attempt to the
    /// whole body read, authentication, retries and a reactive refresh included.</summary>
    public Histogram<double> RequestDuration { get; }

    /// <summary>Token requests by grant (<c>oauthgen.leg</c>) and outcome.</summary>
    public Counter<long> TokenRequests { get; }

    /// <summary>Refreshes of stored OAuth 2.0 tokens actually sent to the token endpoint (waiters on a shared refresh are not counted).</summary>
    public Counter<long> TokenRefreshes { get; }

    /// <summary>OAuth 1.0a-signed requests the server refused with 401: a signature, timestamp, nonce or token problem.</summary>
    public Counter<long> SignatureRejections { get; }

    /// <summary>The problems of the OAuth Problem Reporting extension; anything else is reported as "other" (bounded cardinality).</summary>
    private static readonly HashSet<string> KnownProblems = new(StringComparer.Ordinal)
    {
        "version_rejected", "parameter_absent", "parameter_rejected", "timestamp_refused", "nonce_used", "signature_method_rejected",
        "signature_invalid", "consumer_key_unknown", "consumer_key_rejected", "consumer_key_refused", "token_used", "token_expired",
        "token_revoked", "token_rejected", "additional_authorization_required", "permission_unknown", "permission_denied",
        "user_refused", "verifier_invalid",
    };

    public void RecordRequest(string app, RequestLeg leg, HttpMethod method, long startedTimestamp, HttpStatusCode? status, Exception? failure)
    {
        if (!RequestDuration.Enabled) return;
        var tags = new TagList
        {
            { AppTag, app },
            { LegTag, leg.TelemetryName },
            { "http.request.method", method.Method },
        };
        if (status is { } code) tags.Add("http.response.status_code", (int)code);
        if (failure is not null) tags.Add(ErrorTypeTag, ErrorType(failure));
        RequestDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
    }

    public void RecordTokenRequest(string app, RequestLeg leg, Exception? failure)
    {
        if (!TokenRequests.Enabled) return;
        TokenRequests.Add(1, Outcome(app, failure, new TagList { { LegTag, leg.TelemetryName } }));
    }

    /// <summary>Records a failed token request and returns <see langword="false"/>: called from an exception filter, so the
    /// exception passes on untouched (no rethrow, no unwinding before it is recorded).</summary>
    public bool TokenRequestFailed(string app, RequestLeg leg, Exception failure)
    {
        RecordTokenRequest(app, leg, failure);
        return false;
    }

    /// <summary>Records a failed refresh; returns <see langword="false"/> for use in an exception filter.</summary>
    public bool RefreshFailed(string app, Exception failure)
    {
        RecordRefresh(app, failure);
        return false;
    }

    public void RecordRefresh(string app, Exception? failure)
    {
        if (!TokenRefreshes.Enabled) return;
        TokenRefreshes.Add(1, Outcome(app, failure, default));
    }

    /// <summary>Records a 401 to an OAuth 1.0a-signed request, with the <c>oauth_problem</c> of its <c>WWW-Authenticate</c>
    /// challenge when it names one.</summary>
    public void RecordSignatureRejection(string app, RequestLeg leg, HttpResponseMessage response)
    {
        if (!SignatureRejections.Enabled) return;
        SignatureRejections.Add(1, new TagList
        {
            { AppTag, app },
            { LegTag, leg.TelemetryName },
            { "oauthgen.oauth1.problem", Problem(response) },
        });
    }

    private static TagList Outcome(string app, Exception? failure, TagList tags)
    {
        tags.Add(AppTag, app);
        tags.Add(OutcomeTag, failure is null ? "success" : "failure");
        if (failure is not null) tags.Add(ErrorTypeTag, ErrorType(failure));
        return tags;
    }

    /// <summary>The documented <see cref="OAuthException.Type"/>, or the exception's type name (OpenTelemetry's rule for
    /// <c>error.type</c>); never its message, which may quote the server.</summary>
    private static string ErrorType(Exception failure) => failure switch
    {
        OAuthException oauth => oauth.Type,
        OperationCanceledException => "canceled",
        _ => failure.GetType().FullName ?? failure.GetType().Name,
    };

    private static string Problem(HttpResponseMessage response)
    {
        foreach (var challenge in response.Headers.WwwAuthenticate)
        {
            var parameters = challenge.Parameter;
            if (parameters is null) continue;
            var at = parameters.IndexOf("oauth_problem=", StringComparison.Ordinal);
            if (at < 0) continue;
            var value = parameters.AsSpan(at + "oauth_problem=".Length).TrimStart('"');
            var end = value.IndexOfAny('"', ',');
            var problem = (end < 0 ? value : value[..end]).Trim().ToString();
            return KnownProblems.Contains(problem) ? problem : "other";
        }
        return "none";
    }
}

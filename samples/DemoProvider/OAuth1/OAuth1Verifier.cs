using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OAuthGen.Samples.DemoProvider.OAuth1;

/// <summary>An OAuth 1.0a refusal, reported with the OAuth Problem Reporting extension's <c>oauth_problem</c> codes.</summary>
internal sealed record OAuth1Problem(int Status, string Problem, string Advice);

/// <summary>
/// Checks an OAuth 1.0a request the way RFC 5849 §3.2 asks a server to: required parameters, version, signature method,
/// consumer, timestamp window, token, signature, and only then the nonce (so forged requests cannot burn nonces).
/// </summary>
internal static class OAuth1Verifier
{
    private static readonly string[] Required = ["oauth_consumer_key", "oauth_signature_method", "oauth_signature", "oauth_timestamp", "oauth_nonce"];

    /// <param name="request">The collected parameters.</param>
    /// <param name="state">Issued tokens and seen nonces.</param>
    /// <param name="options">Clock and timestamp tolerance.</param>
    /// <param name="tokenSecret">
    /// Given <c>oauth_token</c> (or <see langword="null"/>), the token secret to sign with (<c>""</c> for none), or
    /// <see langword="null"/> when that token is not acceptable here.
    /// </param>
    public static OAuth1Problem? Verify(OAuth1Request request, DemoState state, DemoProviderOptions options, Func<string?, string?> tokenSecret)
    {
        if (request.Problem is { } duplicate) return new(400, "parameter_rejected", duplicate);
        var missing = Required.Where(name => string.IsNullOrEmpty(request[name])).ToList();
        if (missing.Count > 0) return new(400, "parameter_absent", $"Missing {string.Join(", ", missing)}.");
        if (request["oauth_version"] is { } version && version != "1.0") return new(400, "version_rejected", "oauth_version must be 1.0.");
        if (request["oauth_signature_method"] != "HMAC-SHA1") return new(400, "signature_method_rejected", "Only HMAC-SHA1 is accepted.");
        if (request["oauth_consumer_key"] != DemoCredentials.OAuth1ConsumerKey) return new(401, "consumer_key_unknown", "Unknown consumer key.");

        var timestamp = request["oauth_timestamp"]!;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            return new(400, "parameter_rejected", "oauth_timestamp must be seconds since 1970.");
        }
        var skew = options.TimeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew.Duration() > options.TimestampTolerance) return new(401, "timestamp_refused", "oauth_timestamp is too far from the server's clock.");

        var token = request["oauth_token"];
        if (tokenSecret(token) is not { } secret) return new(401, "token_rejected", token is null ? "This endpoint needs an oauth_token." : "The oauth_token is unknown, expired or not valid here.");
        if (!HmacSha1Signature.Matches(request.BaseString(), DemoCredentials.OAuth1ConsumerSecret, secret, request["oauth_signature"]!))
        {
            return new(401, "signature_invalid", "The signature does not match the request.");
        }
        if (request.BodyHashMatches is false)
        {
            return new(401, "signature_invalid", "oauth_body_hash does not match the body (and is not allowed with form bodies).");
        }
        if (!state.UseNonce(DemoCredentials.OAuth1ConsumerKey, token, timestamp, request["oauth_nonce"]!))
        {
            return new(401, "nonce_used", "This nonce was already used with this timestamp.");
        }
        return null;
    }

    public static Task WriteAsync(HttpContext context, OAuth1Problem problem)
    {
        context.Response.Headers.WWWAuthenticate = "OAuth realm=\"DemoProvider\"";
        return DemoHttp.WriteFormAsync(context, problem.Status,
            [new("oauth_problem", problem.Problem), new("oauth_problem_advice", problem.Advice)]);
    }
}

using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OAuthGen.Testing.Http;

namespace OAuthGen.Testing.OAuth1;

/// <summary>
/// Checks an OAuth 1.0a request the way RFC 5849 §3.2 asks a server to: required parameters, version, consumer, its
/// signature method, timestamp window, token, signature, and only then the nonce (so forged requests cannot burn nonces).
/// </summary>
internal static class OAuth1Verifier
{
    private static readonly string[] Required = ["oauth_consumer_key", "oauth_signature_method", "oauth_signature", "oauth_timestamp", "oauth_nonce"];

    /// <summary>Verifies <paramref name="request"/> and records the verdict for the test's inspection.</summary>
    /// <param name="request">The collected parameters.</param>
    /// <param name="state">Registered consumers, issued tokens and seen nonces.</param>
    /// <param name="tokenSecret">
    /// Given the consumer and <c>oauth_token</c> (or <see langword="null"/>), the token secret to sign with (<c>""</c> for
    /// none), or <see langword="null"/> when that token is not acceptable here.
    /// </param>
    public static OAuth1Problem? Verify(OAuth1Request request, ProviderState state, Func<OAuth1Consumer, string?, string?> tokenSecret)
    {
        var signatureValid = false;
        var problem = Check(request, state, tokenSecret, ref signatureValid);
        RequestRecord.Of(request.Context).OAuth1 = new OAuth1SignatureCheck(request["oauth_consumer_key"], request["oauth_signature_method"],
            request.Transmission, signatureValid, problem?.Problem);
        return problem;
    }

    private static OAuth1Problem? Check(OAuth1Request request, ProviderState state, Func<OAuth1Consumer, string?, string?> tokenSecret, ref bool signatureValid)
    {
        if (request.Problem is { } duplicate) return new(400, "parameter_rejected", duplicate);
        var missing = Required.Where(name => string.IsNullOrEmpty(request[name])).ToList();
        if (missing.Count > 0) return new(400, "parameter_absent", $"Missing {string.Join(", ", missing)}.");
        if (request["oauth_version"] is { } version && version != "1.0") return new(400, "version_rejected", "oauth_version must be 1.0.");
        if (state.FindConsumer(request["oauth_consumer_key"]) is not { } consumer) return new(401, "consumer_key_unknown", "Unknown consumer key.");
        var expectedMethod = SignatureMethodName(consumer.SignatureMethod);
        if (request["oauth_signature_method"] != expectedMethod)
        {
            return new(400, "signature_method_rejected", $"This consumer signs with {expectedMethod} only.");
        }

        var timestamp = request["oauth_timestamp"]!;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            return new(400, "parameter_rejected", "oauth_timestamp must be seconds since 1970.");
        }
        var skew = state.Options.TimeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew.Duration() > state.Options.TimestampTolerance) return new(401, "timestamp_refused", "oauth_timestamp is too far from the server's clock.");

        var token = request["oauth_token"];
        if (tokenSecret(consumer, token) is not { } secret)
        {
            return new(401, "token_rejected", token is null ? "This endpoint needs an oauth_token." : "The oauth_token is unknown, expired or not valid here.");
        }
        var signature = request["oauth_signature"]!;
        signatureValid = consumer.SignatureMethod switch
        {
            SignatureMethod.HmacSha1 => HmacSha1Signature.Matches(request.BaseString(), consumer.Secret!, secret, signature),
            SignatureMethod.RsaSha1 => RsaSha1Signature.Matches(request.BaseString(), consumer.RsaPublicKey!, signature),
            _ => PlaintextSignature.Matches(consumer.Secret!, secret, signature),
        };
        if (!signatureValid) return new(401, "signature_invalid", "The signature does not match the request.");
        if (request.BodyHashMatches is false)
        {
            signatureValid = false;
            return new(401, "signature_invalid", "oauth_body_hash does not match the body (and is not allowed with form bodies).");
        }
        if (!state.UseNonce(consumer.Key, token, timestamp, request["oauth_nonce"]!))
        {
            return new(401, "nonce_used", "This nonce was already used with this timestamp.");
        }
        return null;
    }

    /// <summary>The RFC 5849 name of a signature method the provider verifies.</summary>
    public static string SignatureMethodName(SignatureMethod method) => method switch
    {
        SignatureMethod.HmacSha1 => "HMAC-SHA1",
        SignatureMethod.RsaSha1 => "RSA-SHA1",
        SignatureMethod.Plaintext => "PLAINTEXT",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "The provider verifies the RFC 5849 methods: HMAC-SHA1, RSA-SHA1 and PLAINTEXT."),
    };

    public static Task WriteAsync(HttpContext context, OAuth1Problem problem)
    {
        context.Response.Headers.WWWAuthenticate = "OAuth realm=\"TestProvider\"";
        return ProviderHttp.WriteFormAsync(context, problem.Status,
            [new("oauth_problem", problem.Problem), new("oauth_problem_advice", problem.Advice)]);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace OAuthGen;

/// <summary>The configuration rules of <see cref="OpenIdConnectPolicy"/>, reported with the other option problems.</summary>
internal static class OpenIdConnectPolicyRules
{
    public static void Validate(OpenIdConnectPolicy? policy, List<string> problems)
    {
        if (policy is null)
        {
            problems.Add("OpenIdConnectPolicy is required (new OpenIdConnectPolicy() for the defaults).");
            return;
        }
        if (policy.ClockSkew < TimeSpan.Zero) problems.Add("OpenIdConnectPolicy.ClockSkew must not be negative.");
        if (policy.JwksCacheLifetime <= TimeSpan.Zero) problems.Add("OpenIdConnectPolicy.JwksCacheLifetime must be positive.");
        if (policy.JwksRefreshMinInterval < TimeSpan.Zero) problems.Add("OpenIdConnectPolicy.JwksRefreshMinInterval must not be negative.");
        if (policy.AllowedAlgorithms is null || policy.AllowedAlgorithms.Count == 0)
        {
            problems.Add("OpenIdConnectPolicy.AllowedAlgorithms must name at least one algorithm.");
        }
        else if (policy.AllowedAlgorithms.Any(a => string.IsNullOrEmpty(a) || string.Equals(a, "none", StringComparison.OrdinalIgnoreCase)))
        {
            // An unsigned id_token proves nothing about who signed in (OIDC Core §3.1.3.7 step 6 needs a signature here).
            problems.Add("OpenIdConnectPolicy.AllowedAlgorithms must not contain 'none' or an empty name.");
        }
        if (policy.Issuer is { } issuer && !UrlResolver.IsAbsoluteHttpUrl(issuer))
        {
            problems.Add("OpenIdConnectPolicy.Issuer must be an absolute http(s) URL (the issuer identifier).");
        }
    }
}

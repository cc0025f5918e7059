using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace OAuthGen.Samples.DemoProvider;

/// <summary>Settings of a demo provider instance.</summary>
public sealed class DemoProviderOptions
{
    /// <summary>
    /// The clock for token expiry, code lifetime and OAuth 1.0a timestamps. Tests pass a fake one to show expiry and refresh
    /// without waiting.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>OAuth 2.0 access-token lifetime: short on purpose, so a sample can show a refresh.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an authorization code or OAuth 1.0a request token may wait before it is exchanged.</summary>
    public TimeSpan GrantLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far an OAuth 1.0a timestamp may be from the provider's clock.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Redirect URIs registered for the OAuth 2.0 clients, compared exactly (RFC 6749 §3.1.2.3), except that a loopback IP
    /// literal URI matches on any port, as RFC 8252 §7.3 requires for native apps.
    /// </summary>
    public IList<string> RedirectUris { get; } = [DemoCredentials.DefaultRedirectUri];

    /// <summary>Where the provider logs; silent when <see langword="null"/>.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}

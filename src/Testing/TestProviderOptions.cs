using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace OAuthGen.Testing;

/// <summary>Settings of a <see cref="TestProvider"/>, fixed when it starts.</summary>
public sealed class TestProviderOptions
{
    /// <summary>
    /// How tests reach the provider: a loopback Kestrel port (default; a real browser can open it) or in memory
    /// (no socket; only through <see cref="TestProvider.CreateHandler"/>).
    /// </summary>
    public TestProviderTransport Transport { get; set; } = TestProviderTransport.Loopback;

    /// <summary>
    /// The clock for token expiry, code lifetime and OAuth 1.0a timestamps. Pass a fake one (for example
    /// <c>FakeTimeProvider</c>) and give the same one to the client to show expiry and refresh without waiting.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>OAuth 2.0 access-token lifetime, announced as <c>expires_in</c>.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an authorization code or OAuth 1.0a request token may wait before it is exchanged.</summary>
    public TimeSpan GrantLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far an OAuth 1.0a timestamp may be from the provider's clock.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether a refresh issues a new refresh token and voids the old one (OAuth 2.0 Security BCP §4.14). Presenting a
    /// rotated refresh token again revokes the whole grant. <see langword="false"/>: the refresh token stays valid.
    /// </summary>
    public bool RotateRefreshTokens { get; set; } = true;

    /// <summary>The scopes the provider knows; asking for any other is <c>invalid_scope</c>.</summary>
    public IList<string> Scopes { get; } = ["profile", "email", "notes"];

    /// <summary>The scope granted when the client asks for none.</summary>
    public string DefaultScope { get; set; } = "profile";

    /// <summary>Where the provider logs; silent when <see langword="null"/>.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}

using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OAuthGen;

/// <summary>
/// The configuration layer of a registered app's options: fills what the attribute left unset from the keys under its
/// AppKey (<see cref="RemoteAppConfiguration"/>). Registered before the first app's configure callbacks, so code runs
/// after it and wins. A value that cannot be read is reported by <see cref="RemoteAppOptionsValidation"/>.
/// </summary>
internal sealed class RemoteAppConfigurationSetup(RemoteAppRegistry registry, IConfiguration? configuration = null)
    : IConfigureNamedOptions<RemoteAppOptions>
{
    public void Configure(string? name, RemoteAppOptions options)
    {
        if (configuration is null || name is null || registry.Find(name) is not { AppKey: { Length: > 0 } appKey }) return;
        if (RemoteAppConfiguration.Bind(options, configuration, appKey) is { } problem) registry.AddProblem(options, problem);
    }

    public void Configure(RemoteAppOptions options) => Configure(Options.DefaultName, options);
}

using System.Threading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace OAuthGen;

/// <summary>
/// Tells the options system that an app's options change when configuration reloads, so the next client created after a
/// reload is composed from the new values. Clients already created keep the options they were created with.
/// </summary>
internal sealed class ConfigurationReloadTokenSource(string name, IConfiguration? configuration) : IOptionsChangeTokenSource<RemoteAppOptions>
{
    /// <summary>Without configuration nothing ever changes.</summary>
    private static readonly IChangeToken Never = new CancellationChangeToken(CancellationToken.None);

    public string Name => name;

    public IChangeToken GetChangeToken() => configuration?.GetReloadToken() ?? Never;
}

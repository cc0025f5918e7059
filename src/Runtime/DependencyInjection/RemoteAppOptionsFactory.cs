using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace OAuthGen;

/// <summary>
/// The options factory for <see cref="RemoteAppOptions"/>: a registered app's options start from its
/// <c>[RemoteApp]</c> attribute (<c>T.CreateOptions()</c>) instead of an empty object; then configure, post-configure and
/// validation run as for any named options. Other names get a new <see cref="RemoteAppOptions"/>, as the default factory does.
/// </summary>
internal sealed class RemoteAppOptionsFactory(
    RemoteAppRegistry registry,
    IEnumerable<IConfigureOptions<RemoteAppOptions>> setups,
    IEnumerable<IPostConfigureOptions<RemoteAppOptions>> postConfigures,
    IEnumerable<IValidateOptions<RemoteAppOptions>> validations)
    : OptionsFactory<RemoteAppOptions>(setups, postConfigures, validations)
{
    protected override RemoteAppOptions CreateInstance(string name) =>
        registry.Find(name) is { } registration ? registration.CreateOptions() : base.CreateInstance(name);
}

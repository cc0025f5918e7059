namespace OAuthGen.Generator.Model;

/// <summary>What the parser learned about one <c>[RemoteApp]</c> interface.</summary>
/// <param name="Model">What to emit; <see langword="null"/> when an error stops generation.</param>
/// <param name="AppName">The app name and where it is written, to find duplicates across interfaces.</param>
/// <param name="Diagnostics">Everything to report about the interface.</param>
internal sealed record ParseResult(InterfaceModel? Model, AppNameInfo? AppName, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>An app name and the location of its attribute argument.</summary>
internal sealed record AppNameInfo(string Name, string InterfaceName, LocationInfo? Location);

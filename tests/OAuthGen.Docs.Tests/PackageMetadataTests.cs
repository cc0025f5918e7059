using System.IO;
using System.Linq;
using System.Xml.Linq;
using OAuthGen.Generator;

namespace OAuthGen.Docs.Tests;

/// <summary>Package metadata is written once, in Directory.Build.props, and what points at the repository agrees with it.</summary>
public sealed class PackageMetadataTests
{
    private static readonly string[] CentralProperties =
        ["Version", "VersionPrefix", "PackageVersion", "RepositoryUrl", "RepositoryType", "PackageProjectUrl", "PackageLicenseExpression",
         "PackageLicenseFile", "PackageReadmeFile", "Authors", "Copyright", "IncludeSymbols", "SymbolPackageFormat"];

    private static string Property(string file, string name) =>
        XDocument.Load(RepositoryFiles.Path(file)).Descendants(name).Where(e => e.Parent?.Name == "PropertyGroup").Select(e => e.Value).Single();

    [Fact]
    public void DiagnosticHelpLinksUseTheRepositoryUrlOfThePackages()
    {
        var repository = Property("Directory.Build.props", "RepositoryUrl");

        Assert.Equal(DiagnosticDescriptors.RepositoryUrl, repository);
        Assert.All(DiagnosticsTableTests.Descriptors, d =>
            Assert.Equal($"{repository}/blob/main/docs/diagnostics.md#{d.Id.ToLowerInvariant()}", d.HelpLinkUri));
    }

    [Fact]
    public void ProjectUrlIsTheRepositoryUrl()
    {
        Assert.Equal("$(RepositoryUrl)", Property("Directory.Build.props", "PackageProjectUrl"));
    }

    [Fact]
    public void NoProjectUnderSrcOverridesTheSharedMetadata()
    {
        var projects = Directory.GetFiles(RepositoryFiles.Path("src"), "*.csproj", SearchOption.AllDirectories);

        Assert.NotEmpty(projects);
        Assert.All(projects, project =>
        {
            var overridden = XDocument.Load(project).Descendants()
                .Where(e => e.Parent?.Name == "PropertyGroup" && CentralProperties.Contains(e.Name.LocalName))
                .Select(e => e.Name.LocalName);
            Assert.True(!overridden.Any(), $"{project} sets {string.Join(", ", overridden)}; set it in Directory.Build.props");
        });
    }

    [Fact]
    public void TheLicenseIsMit()
    {
        Assert.Equal("MIT", Property("Directory.Build.props", "PackageLicenseExpression"));
        Assert.StartsWith("MIT License", RepositoryFiles.Read("LICENSE"));
        Assert.Contains("OAuthGen contributors", RepositoryFiles.Read("LICENSE"));
    }
}

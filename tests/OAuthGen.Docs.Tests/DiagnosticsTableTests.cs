using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using OAuthGen.Generator;

namespace OAuthGen.Docs.Tests;

/// <summary>README.md's diagnostics table and docs/diagnostics.md list every diagnostic the analyzer has, as it has it.</summary>
public sealed class DiagnosticsTableTests
{
    internal static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, System.StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void ReadmeTableListsEveryDiagnosticWithItsSeverityAndTitle()
    {
        var rows = Regex.Matches(RepositoryFiles.Read("README.md"),
                @"^\| \[(?<id>OAG\d{3})\]\(docs/diagnostics\.md#(?<anchor>oag\d{3})\) \| (?<severity>\w+) \| (?<title>[^|]+?) \|\s*$",
                RegexOptions.Multiline)
            .Select(m => (Id: m.Groups["id"].Value, Anchor: m.Groups["anchor"].Value, Severity: m.Groups["severity"].Value, Title: m.Groups["title"].Value))
            .ToList();

        Assert.True(Descriptors.Length >= 29, $"only {Descriptors.Length} descriptors found");
        Assert.Equal(Descriptors.Select(d => d.Id), rows.Select(r => r.Id));
        foreach (var (descriptor, row) in Descriptors.Zip(rows))
        {
            Assert.Equal(descriptor.Id.ToLowerInvariant(), row.Anchor);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), row.Severity);
            Assert.Equal(descriptor.Title.ToString(), row.Title);
        }
    }

    [Fact]
    public void DiagnosticsReferenceHasASectionPerDiagnostic()
    {
        var sections = Regex.Matches(RepositoryFiles.Read("docs/diagnostics.md"), @"^## (OAG\d{3})\s*$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value);

        Assert.Equal(Descriptors.Select(d => d.Id), sections);
    }
}

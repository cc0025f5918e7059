using Microsoft.CodeAnalysis;

namespace OAuthGen.Generator;

/// <summary>Turns <c>[RemoteApp]</c> partial interfaces into typed OAuth clients (issue #4 builds it out).</summary>
[Generator(LanguageNames.CSharp)]
public sealed class OAuthGenGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OAuthGen.Benchmarks.Generator;

/// <summary>
/// The floor of the generator benchmarks: the least an incremental generator for <c>[RemoteApp]</c> interfaces can do.
/// It finds them exactly as OAuthGen does (ForAttributeWithMetadataName, which binds each candidate's attributes), keeps
/// only the interface's name (a string, so unchanged outputs stay cached) and writes a one-line file per interface. What
/// a real generator costs beyond this is its own reading of the interface and its emitting.
/// The harness creates it directly (no [Generator] attribute: it is never loaded as a compiler extension).
/// </summary>
public sealed class NamesOnlyGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName(
            "OAuthGen.RemoteAppAttribute",
            static (node, _) => node is InterfaceDeclarationSyntax,
            static (target, _) => target.TargetSymbol.Name);
        context.RegisterSourceOutput(names, static (spc, name) => spc.AddSource(name + ".g.cs", "// " + name + "\n"));
    }
}

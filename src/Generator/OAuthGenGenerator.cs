using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OAuthGen.Generator.Emitting;
using OAuthGen.Generator.Parsing;

namespace OAuthGen.Generator;

/// <summary>
/// Turns <c>[RemoteApp]</c> partial interfaces into typed OAuth clients. It reports nothing: <see cref="OAuthGenAnalyzer"/>
/// reports every rule the parser checks, and the generator emits only the interfaces that break none.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OAuthGenGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "OAuthGen.RemoteAppAttribute",
                static (node, _) => node is InterfaceDeclarationSyntax,
                Parser.Parse)
            .WithTrackingName(TrackingNames.Parse)
            .Where(static model => model is not null)
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(models, static (spc, model) => spc.AddSource(model!.HintName, Emitter.Emit(model)));
    }
}

using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OAuthGen.Generator.Parsing;

/// <summary>
/// What one syntax tree declares that name lookup elsewhere can find: the simple names of its types (nested ones too)
/// and namespaces, and whether it has global using directives (which change lookup in every file). Read from syntax
/// only (declarations, never bodies), once per tree: an unchanged file keeps its tree, and so this same object, from
/// compilation to compilation.
/// </summary>
internal sealed class TreeDeclarations
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeDeclarations> PerTree = new();

    private readonly HashSet<string> _names = [];

    private TreeDeclarations(SyntaxTree tree)
    {
        if (tree.GetRoot() is not CompilationUnitSyntax root) return;
        foreach (var directive in root.Usings)
        {
            if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)) HasGlobalUsings = true;
        }
        AddMembers(root.Members);
    }

    /// <summary>The declarations of <paramref name="tree"/>, read on first use.</summary>
    public static TreeDeclarations Of(SyntaxTree tree) => PerTree.GetValue(tree, static t => new TreeDeclarations(t));

    /// <summary>Whether the file has <c>global using</c> directives.</summary>
    public bool HasGlobalUsings { get; }

    /// <summary>The simple names of the types and namespaces the file declares.</summary>
    public IEnumerable<string> Names => _names;

    private void AddMembers(SyntaxList<MemberDeclarationSyntax> members)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    AddNamespaceName(ns.Name);
                    AddMembers(ns.Members);
                    break;
                case TypeDeclarationSyntax type:
                    _names.Add(type.Identifier.ValueText);
                    AddMembers(type.Members);
                    break;
                case BaseTypeDeclarationSyntax other: // enums
                    _names.Add(other.Identifier.ValueText);
                    break;
                case DelegateDeclarationSyntax @delegate:
                    _names.Add(@delegate.Identifier.ValueText);
                    break;
            }
        }
    }

    private void AddNamespaceName(NameSyntax name)
    {
        switch (name)
        {
            case QualifiedNameSyntax qualified:
                AddNamespaceName(qualified.Left);
                AddNamespaceName(qualified.Right);
                break;
            case SimpleNameSyntax simple:
                _names.Add(simple.Identifier.ValueText);
                break;
            case AliasQualifiedNameSyntax alias:
                _names.Add(alias.Name.Identifier.ValueText);
                break;
        }
    }
}

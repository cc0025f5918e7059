namespace OAuthGen.Generator.Model;

/// <summary>One generated client: the partial interface and its hidden implementation.</summary>
/// <param name="Namespace">The interface's namespace as C# writes it (keyword segments escaped), or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first (the partial declarations to reopen).</param>
/// <param name="Name">The interface's simple name.</param>
/// <param name="FullyQualifiedName">The <c>global::</c> name.</param>
/// <param name="Options">The <c>RemoteAppOptions</c> initializer, one assignment per attribute value.</param>
/// <param name="JsonContext">The <c>global::</c> name of the <c>JsonSerializerContext</c>, if one was given.</param>
/// <param name="Headers">Interface-level <c>[Headers]</c>, sent on every endpoint.</param>
/// <param name="Endpoints">The methods to implement.</param>
internal sealed record InterfaceModel(
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string FullyQualifiedName,
    EquatableArray<OptionAssignment> Options,
    string? JsonContext,
    EquatableArray<HeaderModel> Headers,
    EquatableArray<EndpointModel> Endpoints)
{
    /// <summary>
    /// The generated file's name, from <see cref="FullyQualifiedName"/> (type names are unique per compilation; hint names
    /// allow neither the '@' of escaped keywords nor '&lt;' '&gt;'). Computed when the file is added, not by the parse:
    /// the parse reruns for every interface on every edit, and the name adds nothing to the model's equality.
    /// </summary>
    public string HintName
    {
        get
        {
            const string Global = "global::";
            var name = FullyQualifiedName.StartsWith(Global, System.StringComparison.Ordinal)
                ? FullyQualifiedName.Substring(Global.Length)
                : FullyQualifiedName;
            return name.Replace("@", "").Replace('<', '_').Replace('>', '_') + ".g.cs";
        }
    }
}

/// <summary>An enclosing type declaration: its keyword (<c>class</c>, <c>record struct</c>...) and name as a C# identifier.</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>One <c>RemoteAppOptions</c> property assignment, with its value already as a C# expression.</summary>
internal sealed record OptionAssignment(string Property, string Expression);

/// <summary>A constant header from <c>[Headers("Name: value")]</c>.</summary>
internal sealed record HeaderModel(string Name, string Value);

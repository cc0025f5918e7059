using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using OAuthGen.Generator.Model;

namespace OAuthGen.Generator.Parsing;

/// <summary>The types the parser compares against, looked up once per compilation.</summary>
internal sealed class KnownTypes(Compilation compilation)
{
    // Each GetTypeByMetadataName walks every referenced assembly; the transform runs once per [RemoteApp] interface on
    // every edit, so sharing one set per compilation turns some twenty lookups per interface into twenty per edit. Weak keys: the
    // set dies with its compilation.
    private static readonly ConditionalWeakTable<Compilation, KnownTypes> PerCompilation = new();

    /// <summary>The known types of <paramref name="compilation"/>, looked up on first use.</summary>
    public static KnownTypes For(Compilation compilation) => PerCompilation.GetValue(compilation, static c => new KnownTypes(c));

    public INamedTypeSymbol? Task { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
    public INamedTypeSymbol? TaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
    public INamedTypeSymbol? ValueTask { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
    public INamedTypeSymbol? ValueTaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
    public INamedTypeSymbol? CancellationToken { get; } = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
    public INamedTypeSymbol? OAuthResponse { get; } = compilation.GetTypeByMetadataName("OAuthGen.OAuthResponse");
    public INamedTypeSymbol? OAuthResponseOfT { get; } = compilation.GetTypeByMetadataName("OAuthGen.OAuthResponse`1");
    public INamedTypeSymbol? OAuthToken { get; } = compilation.GetTypeByMetadataName("OAuthGen.OAuthToken");
    public INamedTypeSymbol? RemoteAppOptions { get; } = compilation.GetTypeByMetadataName("OAuthGen.RemoteAppOptions");
    public INamedTypeSymbol? FormData { get; } = compilation.GetTypeByMetadataName("OAuthGen.FormData");
    public INamedTypeSymbol? JsonElement { get; } = compilation.GetTypeByMetadataName("System.Text.Json.JsonElement");
    public INamedTypeSymbol? JsonNode { get; } = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonNode");
    public INamedTypeSymbol? XElement { get; } = compilation.GetTypeByMetadataName("System.Xml.Linq.XElement");
    public INamedTypeSymbol? HttpContent { get; } = compilation.GetTypeByMetadataName("System.Net.Http.HttpContent");
    public INamedTypeSymbol? HttpResponseMessage { get; } = compilation.GetTypeByMetadataName("System.Net.Http.HttpResponseMessage");
    public INamedTypeSymbol? Stream { get; } = compilation.GetTypeByMetadataName("System.IO.Stream");
    public INamedTypeSymbol? JsonSerializerContext { get; } = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
    public INamedTypeSymbol? JsonSerializableAttribute { get; } = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
    public INamedTypeSymbol? IEnumerableOfT { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
    public INamedTypeSymbol? KeyValuePair { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.KeyValuePair`2");
    public INamedTypeSymbol? ReadOnlyMemory { get; } = compilation.GetTypeByMetadataName("System.ReadOnlyMemory`1");

    public INamedTypeSymbol? IRemoteApp { get; } = compilation.GetTypeByMetadataName("OAuthGen.IRemoteApp");
    public INamedTypeSymbol? HttpClient { get; } = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");

    private Dictionary<string, List<ReservedMember>>? _reserved;

    /// <summary>
    /// What <paramref name="member"/> would clash with in every generated client, as the diagnostic names it, or
    /// <see langword="null"/>. A clash is what the compiler rejects or warns about: the same name as a property
    /// (<c>IRemoteApp.Options</c>), a non-method with a method's name, or a method with the same parameter types as an
    /// IRemoteApp method (hiding, CS0108) or a generated static (CS0111). Overloads with other parameters are fine.
    /// </summary>
    public string? ReservedBy(ISymbol member)
    {
        var reserved = _reserved ??= ReservedMembers(); // concurrent analyzer threads may both build it: same result
        if (!reserved.TryGetValue(member.Name, out var candidates)) return null;
        foreach (var candidate in candidates)
        {
            if (candidate.Parameters is null || member is not IMethodSymbol method || SameParameters(method, candidate.Parameters))
            {
                return candidate.Description;
            }
        }
        return null;
    }

    private sealed record ReservedMember(string Description, ITypeSymbol?[]? Parameters);

    private Dictionary<string, List<ReservedMember>> ReservedMembers()
    {
        var members = new Dictionary<string, List<ReservedMember>>();
        void Add(string name, ReservedMember member)
        {
            if (!members.TryGetValue(name, out var list)) members.Add(name, list = []);
            list.Add(member);
        }
        Add("Create", new("the generated static method Create", [HttpClient, RemoteAppOptions]));
        Add("CreateOptions", new("the generated static method CreateOptions", []));
        if (IRemoteApp is not null)
        {
            foreach (var type in IRemoteApp.AllInterfaces.Insert(0, IRemoteApp))
            {
                foreach (var member in type.GetMembers())
                {
                    if (!member.CanBeReferencedByName) continue;
                    var parameters = member is IMethodSymbol method ? method.Parameters.Select(p => (ITypeSymbol?)p.Type).ToArray() : null;
                    Add(member.Name, new(type.Name + "." + member.Name, parameters));
                }
            }
        }
        return members;
    }

    private static bool SameParameters(IMethodSymbol method, ITypeSymbol?[] parameters)
    {
        if (method.Parameters.Length != parameters.Length) return false;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(method.Parameters[i].Type, parameters[i])) return false;
        }
        return true;
    }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, baseType)) return true;
        }
        return false;
    }

    /// <summary>A value with one obvious text form: strings, numbers, booleans, enums, dates, GUIDs (and their nullable forms).</summary>
    public bool IsScalar(ITypeSymbol type) => ScalarFormat(type) is not null;

    /// <summary>
    /// How a scalar (<see cref="IsScalar"/>; a <c>Nullable&lt;T&gt;</c> is looked through) becomes text, or
    /// <see langword="null"/> when <paramref name="type"/> is not one: one classification answers both questions.
    /// </summary>
    public static ValueFormat? ScalarFormat(ITypeSymbol type)
    {
        type = Underlying(type);
        if (type.TypeKind == TypeKind.Enum) return ValueFormat.Enum;
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return ValueFormat.Text;
            case SpecialType.System_Boolean:
                return ValueFormat.Boolean;
            case SpecialType.System_DateTime:
                return ValueFormat.RoundTrip;
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
                return ValueFormat.Invariant;
        }
        if (type.ContainingNamespace is not { Name: "System", ContainingNamespace.IsGlobalNamespace: true }) return null;
        return type.Name switch
        {
            "Guid" or "TimeSpan" or "Int128" or "UInt128" or "Half" => ValueFormat.Invariant,
            "DateTimeOffset" or "DateOnly" or "TimeOnly" => ValueFormat.RoundTrip,
            "Uri" => ValueFormat.Uri,
            _ => null,
        };
    }

    /// <summary>Whether generated code must test a value of <paramref name="type"/> for null, and how.</summary>
    public static ValueNullability NullabilityOf(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } ? ValueNullability.NullableValue
        : type.IsValueType ? ValueNullability.Never
        : ValueNullability.Reference;

    /// <summary><paramref name="type"/> without its <c>Nullable&lt;T&gt;</c> wrapper, if it has one.</summary>
    public static ITypeSymbol Underlying(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    /// <summary>A sequence of scalars (sent as repeated names); a string is not a sequence here.</summary>
    public bool IsScalarSequence(ITypeSymbol type) =>
        type.SpecialType != SpecialType.System_String && ElementType(type) is { } element && IsScalar(element);

    /// <summary>Name/value pairs: anything enumerating <c>KeyValuePair&lt;string, string&gt;</c> or <c>KeyValuePair&lt;string, object?&gt;</c>.</summary>
    public bool IsPairs(ITypeSymbol type) =>
        ElementType(type) is INamedTypeSymbol element && Is(element, KeyValuePair) &&
        element.TypeArguments[0].SpecialType == SpecialType.System_String &&
        element.TypeArguments[1].SpecialType is SpecialType.System_String or SpecialType.System_Object;

    /// <summary>A body the runtime sends as it is (no System.Text.Json contract needed).</summary>
    public bool IsRawBody(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_String ||
        type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } ||
        Is(type, ReadOnlyMemory) && type is INamedTypeSymbol memory && memory.TypeArguments[0].SpecialType == SpecialType.System_Byte ||
        DerivesFrom(type, HttpContent) || Is(type, JsonElement) || DerivesFrom(type, JsonNode) || IsPairs(type);

    /// <summary>The <c>T</c> of an array or of the first <c>IEnumerable&lt;T&gt;</c> the type implements.</summary>
    public ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array) return array.ElementType;
        if (IEnumerableOfT is null) return null;
        if (type is INamedTypeSymbol named && Is(named, IEnumerableOfT)) return named.TypeArguments[0];
        foreach (var candidate in type.AllInterfaces)
        {
            if (Is(candidate, IEnumerableOfT)) return candidate.TypeArguments[0];
        }
        return null;
    }
}

using Microsoft.CodeAnalysis;

namespace OAuthGen.Generator.Parsing;

/// <summary>
/// One of OAuthGen's attributes on an endpoint method or parameter, as far as the model needs it: which one, and its
/// first constructor argument (a path, a name, a media type, a body format). Read from syntax where that is certain to
/// say what binding would (<see cref="MemberAttributeSyntax"/>), else from the bound attribute.
/// </summary>
/// <param name="Name">The attribute's class name in the <c>OAuthGen</c> namespace, suffix included (<c>GetAttribute</c>).</param>
/// <param name="FirstArgument">The first constructor argument's value; <see langword="null"/> when there is none.</param>
/// <param name="Data">The bound attribute, for diagnostics' locations; <see langword="null"/> when read from syntax.</param>
internal readonly record struct MemberAttribute(string Name, object? FirstArgument, AttributeData? Data);

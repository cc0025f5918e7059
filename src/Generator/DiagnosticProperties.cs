namespace OAuthGen.Generator;

/// <summary>
/// Keys of the facts a diagnostic carries for its code fix (<c>Diagnostic.Properties</c>). The code-fix assembly compiles
/// this same file, so both sides spell them alike.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>OAG007: the placeholder's name, the parameter to add.</summary>
    public const string Placeholder = nameof(Placeholder);

    /// <summary>OAG008: present when the request has a body, so the parameter can become it.</summary>
    public const string BodyAllowed = nameof(BodyAllowed);
}

namespace OAuthGen.Generator;

/// <summary>Names of the pipeline steps, so caching tests can find them in the driver's tracked steps.</summary>
public static class TrackingNames
{
    /// <summary>The ForAttributeWithMetadataName transform: symbols in, <c>ParseResult</c> out.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The emittable models (interfaces without errors).</summary>
    public const string Models = nameof(Models);

    /// <summary>The diagnostics of each interface.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The app names of all interfaces, collected to find duplicates.</summary>
    public const string AppNames = nameof(AppNames);
}

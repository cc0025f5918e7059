namespace OAuthGen.Generator;

/// <summary>Names of the pipeline steps, so caching tests can find them in the driver's tracked steps.</summary>
public static class TrackingNames
{
    /// <summary>The ForAttributeWithMetadataName transform: symbols in, the model (or null when a rule rejects it) out.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The emittable models (interfaces without errors).</summary>
    public const string Models = nameof(Models);
}

namespace OAuthGen.Interop.Tests;

/// <summary>The test secrets the peer registers (peer/README.md, "Test clients and users").</summary>
internal static class PeerSecrets
{
    /// <summary>
    /// The secret of <c>o1-client</c>, <c>o2-basic</c> and <c>o2-post</c>: a space, <c>: / &amp; + = ~</c> and another
    /// space, each a place where signature base strings, Basic credentials or form encodings go wrong.
    /// </summary>
    public const string Tricky = "se cret:/&+=~ end";
}

namespace OAuthGen.Interop.Tests;

/// <summary>Every interop test class joins this collection, so one Authlib peer serves the whole run.</summary>
[CollectionDefinition(Name)]
public sealed class AuthlibPeerCollection : ICollectionFixture<AuthlibPeer>
{
    /// <summary>The collection name to put on test classes: <c>[Collection(AuthlibPeerCollection.Name)]</c>.</summary>
    public const string Name = "Authlib peer";
}

using System.Text.Json;
using OAuthGen.GeneratedCode;

namespace OAuthGen.Runtime.Tests;

/// <summary>
/// Generated methods ask <see cref="JsonMetadata"/> for their type's metadata on every call, and it keeps the answer for
/// the context it was last asked: a context other than the last one must still get its own metadata, never the last's.
/// </summary>
public class JsonMetadataTests
{
    [Fact]
    public void EachContextGetsItsOwnMetadataForTheSameTypeWhateverWasAskedBefore()
    {
        var camelCase = new FrozenOptionsJson(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        var asDeclared = FrozenOptionsJson.Default;

        for (var round = 0; round < 3; round++)
        {
            Assert.Same(camelCase.Options, JsonMetadata.GetTypeInfo<Item>(camelCase).Options);
            Assert.Same(asDeclared.Options, JsonMetadata.GetTypeInfo<Item>(asDeclared).Options);
            Assert.Equal("""{"name":"a"}""", JsonSerializer.Serialize(new Item("a"), JsonMetadata.GetTypeInfo<Item>(camelCase)));
            Assert.Equal("""{"Name":"a"}""", JsonSerializer.Serialize(new Item("a"), JsonMetadata.GetTypeInfo<Item>(asDeclared)));
        }
    }
}

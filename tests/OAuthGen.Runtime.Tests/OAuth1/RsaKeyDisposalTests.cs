using System.Security.Cryptography;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.OAuth1;

[CollectionDefinition(nameof(RsaKeyCacheCollection), DisableParallelization = true)]
public sealed class RsaKeyCacheCollection;

/// <summary>Past the process-wide cache of imported RSA keys, each key imported for one use is disposed after it.</summary>
[Collection(nameof(RsaKeyCacheCollection))]
public class RsaKeyDisposalTests
{
    private static string NewPem()
    {
        using var rsa = RSA.Create(1024);
        return rsa.ExportRSAPrivateKeyPem();
    }

    [Fact]
    public void Keys_imported_past_the_cache_limit_are_disposed_after_validation_and_signing()
    {
        // Fill the cache (other tests' keys may already be in it).
        for (var i = 0; i < RsaSigningKey.MaxImported; i++) RsaSigningKey.ForPem(NewPem()).Release();
        var before = RsaSigningKey.LiveUnshared;

        for (var i = 0; i < 3; i++)
        {
            var pem = NewPem();
            _ = new RemoteApp(new FakeProvider().Client(), new RemoteAppOptions
            {
                Name = "rsa-" + i,
                RequestTokenUrl = "https://auth.example.com/request",
                AccessTokenUrl = "https://auth.example.com/access",
                AuthorizeUrl = "https://auth.example.com/authorize",
                ConsumerKey = "ck",
                SignatureMethod = SignatureMethod.RsaSha1,
                RsaKey = pem,
            });
            Assert.NotEmpty(OAuth1Signer.ComputeSignature(SignatureMethod.RsaSha256, "GET&x&y", null, rsaKeyPem: pem));
        }

        Assert.Equal(before, RsaSigningKey.LiveUnshared);
    }
}

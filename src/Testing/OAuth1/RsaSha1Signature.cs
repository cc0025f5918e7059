using System;
using System.Security.Cryptography;
using System.Text;

namespace OAuthGen.Testing.OAuth1;

/// <summary>RFC 5849 §3.4.3: RSASSA-PKCS1-v1_5 with SHA-1 over the base string, verified with the consumer's public key.</summary>
internal static class RsaSha1Signature
{
    public static bool Matches(string baseString, string publicKeyPem, string signature)
    {
        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        return rsa.VerifyData(Encoding.UTF8.GetBytes(baseString), signatureBytes, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
    }
}

using System;
using System.Linq;

namespace OAuthGen.Runtime.Tests.OAuth2;

public class PkceTests
{
    // RFC 7636 Appendix B.
    private static readonly byte[] AppendixBOctets =
        [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];

    [Fact]
    public void Rfc7636_appendix_B_vector_is_exact()
    {
        var verifier = Pkce.CreateVerifier(AppendixBOctets);
        Assert.Equal("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", verifier);
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ComputeChallenge(verifier, CodeChallengeMethod.S256));

        var pkce = Pkce.FromVerifier(verifier);
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", pkce.Challenge);
        Assert.Equal("S256", pkce.MethodName);
    }

    [Fact]
    public void Plain_challenge_is_the_verifier()
    {
        var pkce = Pkce.FromVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", CodeChallengeMethod.Plain);
        Assert.Equal(pkce.Verifier, pkce.Challenge);
        Assert.Equal("plain", pkce.MethodName);
    }

    [Fact]
    public void Generated_verifiers_are_43_unreserved_characters_and_unique()
    {
        var verifiers = Enumerable.Range(0, 100).Select(_ => Pkce.Create().Verifier).ToList();
        Assert.All(verifiers, v => Assert.Matches("^[A-Za-z0-9_-]{43}$", v));
        Assert.Equal(100, verifiers.Distinct().Count());
    }

    [Theory]
    [InlineData("short")]
    [InlineData("dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk")]
    public void Malformed_verifiers_are_rejected_without_repeating_them(string verifier)
    {
        var error = Assert.Throws<ArgumentException>(() => Pkce.FromVerifier(verifier));
        Assert.DoesNotContain(verifier, error.Message);
    }

    [Fact]
    public void None_has_no_challenge_and_ToString_hides_the_verifier()
    {
        Assert.Throws<ArgumentException>(() => Pkce.Create(CodeChallengeMethod.None));
        var pkce = Pkce.Create(CodeChallengeMethod.Plain);
        Assert.DoesNotContain(pkce.Verifier, pkce.ToString());
    }
}

namespace OAuthGen.Testing;

/// <summary>What the token endpoint found when it checked the <c>code_verifier</c> against the code's challenge (RFC 7636 §4.6).</summary>
/// <param name="Method">The <c>code_challenge_method</c> of the authorization request (<c>S256</c> or <c>plain</c>).</param>
/// <param name="Verified">Whether the verifier matched.</param>
public sealed record PkceCheck(string Method, bool Verified);

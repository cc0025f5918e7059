namespace OAuthGen.Testing.OAuth1;

/// <summary>An OAuth 1.0a refusal, reported with the OAuth Problem Reporting extension's <c>oauth_problem</c> codes.</summary>
internal sealed record OAuth1Problem(int Status, string Problem, string Advice);

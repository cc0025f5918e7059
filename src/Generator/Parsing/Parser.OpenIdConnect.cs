using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OAuthGen.Generator.Parsing;

internal sealed partial class Parser
{
    /// <summary>
    /// OpenID Connect is on when the scope holds <c>openid</c> (as at run time): it needs OAuth 2.0 (OAG030), and a way to
    /// the keys that sign id_tokens, discovery or a JWKS URL (OAG031). Both point at the Scope argument that turns it on.
    /// </summary>
    private void CheckOpenIdConnect(AttributeData attribute, string name, ImmutableArray<KeyValuePair<string, TypedConstant>> namedArguments)
    {
        var scope = Text(namedArguments, "Scope");
        if (scope is null || !scope.Split(' ').Contains("openid", StringComparer.Ordinal)) return;
        if (Text(namedArguments, "RequestTokenUrl") is not null)
        {
            Report(DiagnosticDescriptors.OpenIdOnOAuth1, AtNamedArgument(attribute, "Scope"), name);
            return;
        }
        // With AppKey the URLs may come from configuration, as for OAG015/OAG016.
        if (Text(namedArguments, "AppKey") is null && Text(namedArguments, "ServerMetadataUrl") is null && Text(namedArguments, "JwksUrl") is null)
        {
            Report(DiagnosticDescriptors.OpenIdWithoutKeys, AtNamedArgument(attribute, "Scope"), name);
        }
    }
}

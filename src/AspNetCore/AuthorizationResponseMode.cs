namespace OAuthGen.AspNetCore;

/// <summary>How the provider sends an OAuth 2.0 authorization response back to the callback path.</summary>
public enum AuthorizationResponseMode
{
    /// <summary>A redirect with the response in the query (the OAuth 2.0 default); the flow cookie may be <c>SameSite=Lax</c>.</summary>
    Query,

    /// <summary>
    /// <c>response_mode=form_post</c>: the provider's page posts the response to the callback path. That post is a
    /// cross-site request, so the flow cookie is sent <c>SameSite=None; Secure</c> (browsers drop <c>SameSite=None</c>
    /// cookies that are not <c>Secure</c>: serve the site over https, or from a loopback address the browser trusts).
    /// </summary>
    FormPost,
}

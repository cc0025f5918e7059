using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

public class CallbackTests
{
    private const string Callback = "https://app.example.com/cb?from=/x y";

    private static async Task<(FakeProvider Provider, RemoteApp App, PendingAuthorization Pending)> StartAsync(
        Action<RemoteAppOptions>? configure = null, string tokenJson = """{"access_token":"at-1","token_type":"bearer","expires_in":3600}""")
    {
        var provider = new FakeProvider().OnToken(tokenJson);
        var app = provider.App(configure);
        var redirect = await app.AuthorizeAsync(Callback);
        return (provider, app, redirect.Pending);
    }

    private static List<KeyValuePair<string, string>> Params(params (string Name, string Value)[] pairs) =>
        [.. Array.ConvertAll(pairs, p => new KeyValuePair<string, string>(p.Name, p.Value))];

    [Fact]
    public async Task The_code_is_exchanged_by_POST_with_the_exact_redirect_uri_verifier_and_client_secret_post()
    {
        var (provider, app, pending) = await StartAsync();
        var result = await app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending);

        Assert.False(result.IsDenied);
        Assert.Equal("at-1", result.Token!.AccessToken);
        var request = Assert.Single(provider.To(FakeProvider.TokenUrl));
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Null(request.Authorization);
        var form = request.Form();
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("c0de", form["code"]);
        Assert.Equal(Callback, form["redirect_uri"]);
        Assert.Equal(pending.CodeVerifier, form["code_verifier"]);
        Assert.Equal(FakeProvider.ClientId, form["client_id"]);
        Assert.Equal(FakeProvider.ClientSecret, form["client_secret"]);
    }

    [Fact]
    public async Task A_wrong_or_missing_state_is_state_mismatch_and_nothing_is_sent()
    {
        var (provider, app, pending) = await StartAsync();
        var forged = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State! + "x")), pending));
        Assert.Equal(OAuthErrorType.StateMismatch, forged.Type);
        var missing = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(Params(("code", "c0de")), pending));
        Assert.Equal(OAuthErrorType.StateMismatch, missing.Type);
        var pendingWithoutState = pending with { State = null };
        var unverifiable = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pendingWithoutState));
        Assert.Equal(OAuthErrorType.StateMismatch, unverifiable.Type);
        Assert.Empty(provider.To(FakeProvider.TokenUrl));
    }

    [Fact]
    public async Task No_pending_and_expired_pending_have_their_own_types()
    {
        var (_, app, pending) = await StartAsync();
        var none = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(Params(("code", "c")), null!));
        Assert.Equal(OAuthErrorType.NoPendingAuthorization, none.Type);
        app.Clock().Advance(TimeSpan.FromMinutes(11));
        var expired = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "c"), ("state", pending.State!)), pending));
        Assert.Equal(OAuthErrorType.PendingAuthorizationExpired, expired.Type);
    }

    [Fact]
    public async Task Access_denied_is_a_denied_result_with_description_and_uri()
    {
        var (provider, app, pending) = await StartAsync();
        var result = await app.AuthorizedResponseAsync(new Uri(
            $"https://app.example.com/cb?error=access_denied&error_description=The+user+said+no&error_uri=https%3A%2F%2Fdocs.example.com%2Fdenied&state={pending.State}"), pending);
        Assert.True(result.IsDenied);
        Assert.Equal("access_denied", result.Error);
        Assert.Equal("The user said no", result.ErrorDescription);
        Assert.Equal(new Uri("https://docs.example.com/denied"), result.ErrorUri);

        // Some providers drop state on errors: a denial grants nothing, so it is still reported as a denial.
        var stateless = await app.AuthorizedResponseAsync(Params(("error", "access_denied")), pending);
        Assert.True(stateless.IsDenied);
        Assert.Empty(provider.To(FakeProvider.TokenUrl));
    }

    [Fact]
    public async Task Other_errors_throw_authorization_error_and_a_missing_code_is_invalid_response()
    {
        var (_, app, pending) = await StartAsync();
        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(
            Params(("error", "invalid_scope"), ("error_description", "unknown scope 'x'"), ("state", pending.State!)), pending));
        Assert.Equal(OAuthErrorType.AuthorizationError, error.Type);
        Assert.Equal("invalid_scope", error.Error);
        Assert.Equal("unknown scope 'x'", error.ErrorDescription);

        var second = (await app.AuthorizeAsync(Callback)).Pending; // the first flow is spent
        var noCode = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizedResponseAsync(Params(("state", second.State!)), second));
        Assert.Equal(OAuthErrorType.InvalidResponse, noCode.Type);
    }

    [Fact]
    public async Task GET_exchange_puts_everything_in_the_query_and_AccessTokenParams_and_headers_come_last()
    {
        var (provider, app, pending) = await StartAsync(o =>
        {
            o.AccessTokenMethod = HttpMethod.Get;
            o.AccessTokenParams["redirect_uri"] = "https://override.example.com/cb";
            o.AccessTokenParams["audience"] = "api://default";
            o.AccessTokenHeaders["User-Agent"] = "oauthgen-test/1.0";
            o.AccessTokenHeaders["Accept"] = "application/x-www-form-urlencoded";
        });
        await app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending);

        var request = Assert.Single(provider.To(FakeProvider.TokenUrl));
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Null(request.Body);
        var query = request.Form();
        Assert.Equal("c0de", query["code"]);
        Assert.Equal(["https://override.example.com/cb"], query.GetValues("redirect_uri"));
        Assert.Equal("api://default", query["audience"]);
        Assert.Equal("audience", query[query.Count - 1].Key);
        Assert.Equal("oauthgen-test/1.0", request.Header("User-Agent"));
        Assert.Equal("application/x-www-form-urlencoded", request.Header("Accept"));
    }

    [Theory]
    [InlineData(false, "client-id-1:s3cr3t+client/secret")]
    [InlineData(true, "client-id-1:s3cr3t%2Bclient%2Fsecret")]
    public async Task Client_secret_basic_sends_raw_or_form_encoded_credentials(bool formEncode, string expectedCredentials)
    {
        var (provider, app, pending) = await StartAsync(o =>
        {
            o.ClientAuthMethod = ClientAuthMethod.ClientSecretBasic;
            o.FormEncodeBasicCredentials = formEncode;
        });
        await app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending);

        var request = Assert.Single(provider.To(FakeProvider.TokenUrl));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(expectedCredentials)), request.Authorization);
        Assert.Null(request.Form()["client_secret"]);
        Assert.Null(request.Form()["client_id"]);
    }

    [Fact]
    public async Task Client_secret_basic_encodes_a_client_id_with_a_colon_even_in_raw_mode()
    {
        // Raw "https://client.example/app:secret" would be split at the first ':' by the server (RFC 7617).
        var (provider, app, pending) = await StartAsync(o =>
        {
            o.ClientAuthMethod = ClientAuthMethod.ClientSecretBasic;
            o.ConsumerKey = "https://client.example/app";
        });
        await app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending);

        var request = Assert.Single(provider.To(FakeProvider.TokenUrl));
        var expected = "https%3A%2F%2Fclient.example%2Fapp:s3cr3t%2Bclient%2Fsecret";
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(expected)), request.Authorization);
    }

    [Fact]
    public async Task Public_clients_send_only_client_id_and_need_no_secret()
    {
        var (provider, app, pending) = await StartAsync(o => { o.ClientAuthMethod = ClientAuthMethod.None; o.ConsumerSecret = null; });
        await app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending);

        var request = Assert.Single(provider.To(FakeProvider.TokenUrl));
        Assert.Null(request.Authorization);
        Assert.Equal(FakeProvider.ClientId, request.Form()["client_id"]);
        Assert.Null(request.Form()["client_secret"]);
        Assert.NotNull(request.Form()["code_verifier"]);
    }

    [Fact]
    public async Task A_missing_secret_from_configuration_is_reported_at_the_exchange_naming_the_keys()
    {
        var (provider, app, pending) = await StartAsync(o => { o.AppKey = "Example"; o.ConsumerSecret = null; });
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync(Params(("code", "c0de"), ("state", pending.State!)), pending));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("Example:ConsumerSecret", error.Message);
        Assert.Empty(provider.To(FakeProvider.TokenUrl));
    }
}

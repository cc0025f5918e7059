using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.OAuth2;

/// <summary>Token endpoint answers as providers really send them, read through the code exchange.</summary>
public class TokenResponseTests
{
    private static async Task<OAuthToken> ExchangeAsync(Func<HttpResponseMessage> respond, Action<RemoteAppOptions>? configure = null)
    {
        var provider = new FakeProvider().On(FakeProvider.TokenUrl, _ => respond());
        var app = provider.App(configure);
        var pending = (await app.AuthorizeAsync("https://app.example.com/cb")).Pending;
        var result = await app.AuthorizedResponseAsync([new("code", "c0de"), new("state", pending.State!)], pending);
        return result.Token!;
    }

    private static async Task<OAuthException> ExchangeFailsAsync(Func<HttpResponseMessage> respond, Action<RemoteAppOptions>? configure = null) =>
        await Assert.ThrowsAsync<OAuthException>(() => ExchangeAsync(respond, configure));

    private static DateTimeOffset Now => FakeProvider.Options().TimeProvider.GetUtcNow();

    [Fact]
    public async Task Json_token_with_expiry_refresh_token_scope_and_extras()
    {
        var token = await ExchangeAsync(() => StubHandler.Respond(
            """{"access_token":"at","token_type":"bearer","expires_in":3600,"refresh_token":"rt","scope":"read write","id_token":"eyJ","athlete":{"id":7},"admin":true}""",
            "application/json; charset=utf-8"));
        Assert.Equal("at", token.AccessToken);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal("rt", token.RefreshToken);
        Assert.Equal(Now.AddHours(1), token.ExpiresAt);
        Assert.Equal(["read", "write"], token.Scopes);
        Assert.Equal(new Dictionary<string, string> { ["id_token"] = "eyJ", ["athlete"] = """{"id":7}""", ["admin"] = "true" }, token.Extra);
    }

    [Fact]
    public async Task GitHub_form_urlencoded_answer_with_a_comma_separated_scope_that_differs_from_the_requested_one()
    {
        var token = await ExchangeAsync(() => StubHandler.Respond(
            "access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo%2Cuser%3Aemail&token_type=bearer",
            "application/x-www-form-urlencoded; charset=utf-8"), o => o.Scope = "user");
        Assert.Equal("gho_16C7e42F292c6912E7710c838347Ae178B4a", token.AccessToken);
        Assert.Equal("repo,user:email", token.Scope);
        Assert.Equal(["repo", "user:email"], token.Scopes);
        Assert.Null(token.ExpiresAt);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/html")]
    [InlineData(null)]
    public async Task Json_or_form_under_a_wrong_or_missing_content_type_is_sniffed(string? contentType)
    {
        var json = await ExchangeAsync(() => StubHandler.Respond("""{"access_token":"at-json","expires_in":"7200"}""", contentType));
        Assert.Equal("at-json", json.AccessToken);
        Assert.Equal(Now.AddHours(2), json.ExpiresAt);
        var form = await ExchangeAsync(() => StubHandler.Respond("access_token=at-form&expires=60", contentType));
        Assert.Equal("at-form", form.AccessToken);
        Assert.Equal(Now.AddSeconds(60), form.ExpiresAt);
    }

    [Fact]
    public async Task Forced_content_type_reads_Weibo_text_plain_json_without_token_type()
    {
        var token = await ExchangeAsync(() => StubHandler.Respond("""{"access_token":"2.00weibo","remind_in":"157679999","expires_in":157679999,"uid":"1404376560"}""", "text/plain;charset=UTF-8"),
            o => o.ContentType = "application/json");
        Assert.Equal("2.00weibo", token.AccessToken);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal("1404376560", token.Extra["uid"]);
    }

    [Theory]
    [InlineData("3600", 3600)]
    [InlineData("\"3600\"", 3600)]
    [InlineData("3600.0", 3600)]
    [InlineData("\"3600.0\"", 3600)]
    [InlineData("0", null)]
    [InlineData("null", null)]
    public async Task Expires_in_becomes_an_absolute_expiry_at_receipt(string expiresIn, int? seconds)
    {
        var token = await ExchangeAsync(() => StubHandler.Respond($$"""{"access_token":"at","expires_in":{{expiresIn}}}"""));
        Assert.Equal(seconds is null ? null : Now.AddSeconds(seconds.Value), token.ExpiresAt);
        Assert.False(token.Extra.ContainsKey("expires_in"));
    }

    [Fact]
    public async Task Error_member_on_HTTP_200_is_a_token_endpoint_error_GitHub_style()
    {
        var error = await ExchangeFailsAsync(() => StubHandler.Respond(
            "error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.&error_uri=https%3A%2F%2Fdocs.github.com",
            "application/x-www-form-urlencoded"));
        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Equal("bad_verification_code", error.Error);
        Assert.Equal("The code passed is incorrect or expired.", error.ErrorDescription);
        Assert.Equal(HttpStatusCode.OK, error.Response!.Status);
        Assert.Contains("bad_verification_code", error.Message);
    }

    [Fact]
    public async Task Json_error_on_HTTP_400_is_a_token_endpoint_error()
    {
        var error = await ExchangeFailsAsync(() => StubHandler.Respond("""{"error":"invalid_grant"}""", "application/json", HttpStatusCode.BadRequest));
        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Equal("invalid_grant", error.Error);
        Assert.Null(error.ErrorDescription);
        Assert.Equal(HttpStatusCode.BadRequest, error.Response!.Status);
    }

    [Fact]
    public async Task An_html_error_page_is_a_clear_token_endpoint_error_with_status_and_excerpt()
    {
        var page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The upstream server is down.</p>" +
                   new string('x', 1000) + "</body></html>";
        var error = await ExchangeFailsAsync(() => StubHandler.Respond(page, "text/html", HttpStatusCode.BadGateway));
        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Contains("502", error.Message);
        Assert.Contains("text/html", error.Message);
        Assert.Contains("Bad Gateway The upstream server is down.", error.Message);
        Assert.DoesNotContain("<", error.Message);
        Assert.True(error.Message.Length < 400, error.Message);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public async Task Broken_json_is_a_token_endpoint_error_not_a_parser_exception()
    {
        var error = await ExchangeFailsAsync(() => StubHandler.Respond("{\"access_token\": ", "application/json", HttpStatusCode.InternalServerError));
        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Contains("500", error.Message);
    }

    [Fact]
    public async Task An_excerpt_that_names_a_secret_field_is_withheld()
    {
        var error = await ExchangeFailsAsync(() => StubHandler.Respond("<p>bad request: refresh_token=rt-LEAK</p>", "text/html", HttpStatusCode.BadRequest));
        Assert.DoesNotContain("rt-LEAK", error.Message);
        Assert.Contains("withheld", error.Message);
    }

    [Fact]
    public async Task A_success_without_access_token_is_invalid_response_naming_only_the_fields()
    {
        var error = await ExchangeFailsAsync(() => StubHandler.Respond("""{"token_type":"bearer","refresh_token":"rt-SECRET"}"""));
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Contains("access_token", error.Message);
        Assert.Contains("refresh_token", error.Message);
        Assert.DoesNotContain("rt-SECRET", error.Message);
    }

    [Fact]
    public async Task Non_bearer_token_types_are_refused_unless_the_policy_accepts_them()
    {
        // RFC 6749 §7.1; TokenTypePolicyTests shows an accepted type kept as sent.
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            ExchangeAsync(() => StubHandler.Respond("""{"access_token":"at","token_type":"User Access Token"}""")));
        Assert.Equal(OAuthErrorType.UnsupportedTokenType, error.Type);
    }
}

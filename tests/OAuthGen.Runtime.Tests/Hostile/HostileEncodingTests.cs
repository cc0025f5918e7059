using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.GeneratedCode;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.Hostile;

/// <summary>
/// Bodies that are not the text they claim (undecodable charsets, invalid UTF-8, lone surrogates) and tokens that could
/// not go into a header (control characters): each is a typed OAuthException where the server sent it, never a
/// NotSupportedException, InvalidOperationException or a FormatException on a later call.
/// </summary>
public class HostileEncodingTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static HttpResponseMessage Bytes(byte[] body, string contentType, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return response;
    }

    private static Task<OAuthResponse> Resource(string body, string contentType) =>
        new RemoteApp(new HttpClient(new StubHandler(_ => StubHandler.Respond(body, contentType))), FakeProvider.Options())
            .GetAsync("me", token: new OAuthToken("at"));

    [Theory]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("text/plain; charset=utf-7")]
    [InlineData("application/x-www-form-urlencoded; charset=utf-7")]
    [InlineData("text/plain; charset=no-such-charset")]
    public async Task An_undecodable_charset_is_invalid_response_for_Data_Text_and_typed_readers(string contentType)
    {
        var response = await Resource("""{"a":"b"}""", contentType);

        foreach (var read in new Func<object?>[]
        {
            () => response.Data, () => response.Text, () => ResponseReader.ReadString(response),
            () => ResponseReader.ReadFormData(response), () => ResponseReader.ReadJsonElement(response),
        })
        {
            var error = Assert.Throws<OAuthException>(read);
            Assert.Contains(error.Type, new[] { OAuthErrorType.InvalidResponse, OAuthErrorType.DeserializationFailed });
        }
        Assert.Equal("""{"a":"b"}"""u8.ToArray(), response.RawData);
    }

    [Fact]
    public async Task A_token_response_in_an_undecodable_charset_is_invalid_response()
    {
        var provider = new FakeProvider().On(FakeProvider.TokenUrl, _ => StubHandler.Respond("""{"access_token":"at-1"}""", "application/json; charset=utf-7"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => provider.App().ClientCredentialsAsync());
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
    }

    [Fact]
    public async Task An_error_page_in_an_undecodable_charset_is_still_reported_as_the_endpoint_error()
    {
        var provider = new FakeProvider().On(FakeProvider.TokenUrl, _ => StubHandler.Respond("<html>Down for maintenance</html>", "text/html; charset=utf-7", HttpStatusCode.ServiceUnavailable));

        var error = await Assert.ThrowsAsync<OAuthException>(() => provider.App().ClientCredentialsAsync());
        Assert.Equal(OAuthErrorType.TokenEndpointError, error.Type);
        Assert.Contains("Down for maintenance", error.Message);
    }

    public static TheoryData<byte[]> NonTextTokenBodies => new()
    {
        Encoding.UTF8.GetBytes("""{"access_token":"at-1","refresh_token":"\ud83d"}"""),
        Encoding.UTF8.GetBytes("""{"access_token":"\udc00x"}"""),
        Join("{\"access_token\":\"a"u8, [0xC3, 0x28], "\"}"u8),     // invalid UTF-8 in a value
        Join("{\"access_token\":\"at\",\"x"u8, [0xFF], "\":1}"u8), // invalid UTF-8 in a name
    };

    private static byte[] Join(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third) => [.. first, .. second, .. third];

    [Theory]
    [MemberData(nameof(NonTextTokenBodies))]
    public async Task Token_json_with_strings_that_are_not_text_is_invalid_response(byte[] body)
    {
        var provider = new FakeProvider().On(FakeProvider.TokenUrl, _ => Bytes(body, "application/json"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => provider.App().ClientCredentialsAsync());
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
    }

    [Theory]
    [MemberData(nameof(NonTextTokenBodies))]
    public async Task Automatic_refresh_turns_non_text_token_json_into_refresh_failed_and_keeps_the_stored_token(byte[] body)
    {
        var provider = new FakeProvider()
            .On(FakeProvider.TokenUrl, _ => Bytes(body, "application/json"))
            .OnApi("me", "never-used");
        var expired = new OAuthToken("at-expired") { RefreshToken = "rt-" + Guid.NewGuid().ToString("N"), ExpiresAt = Now.AddMinutes(-5) };
        var store = new MemoryTokenStore(expired);

        var error = await Assert.ThrowsAsync<OAuthException>(() => provider.App(o => o.TokenStore = store).GetAsync("me"));

        Assert.Equal(OAuthErrorType.RefreshFailed, error.Type);
        Assert.Same(expired, store.Current);
        Assert.Empty(store.Saved);
    }

    [Theory]
    [InlineData("access_token", "at\r\nX-Injected: 1")]
    [InlineData("access_token", "at\u0000")]
    [InlineData("access_token", "at\u007f")]
    [InlineData("access_token", "at\u0085")]
    [InlineData("refresh_token", "rt\nX")]
    [InlineData("token_type", "Bearer\r\nX-Injected: 1")]
    [InlineData("token_type", "Bearer\t")]
    public async Task Issued_tokens_with_control_characters_are_refused_at_the_token_endpoint(string member, string value)
    {
        var fields = new Dictionary<string, string> { ["access_token"] = "at-good", [member] = value };
        var provider = new FakeProvider().OnToken(System.Text.Json.JsonSerializer.Serialize(fields));

        var error = await Assert.ThrowsAsync<OAuthException>(() => provider.App().ClientCredentialsAsync());

        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Contains(member, error.Message);
        Assert.DoesNotContain(value, error.Message);
    }

    [Fact]
    public async Task A_form_token_response_with_an_encoded_newline_is_refused()
    {
        var provider = new FakeProvider().On(FakeProvider.TokenUrl, _ => StubHandler.Respond("access_token=at%0D%0AX-Injected%3A%201&token_type=bearer", "application/x-www-form-urlencoded"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => provider.App().ClientCredentialsAsync());
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
    }

    [Theory]
    [InlineData("oauth_token=tok%0D%0AX&oauth_token_secret=s&oauth_callback_confirmed=true")]
    [InlineData("oauth_token=tok&oauth_token_secret=s%00&oauth_callback_confirmed=true")]
    public async Task OAuth1_credentials_with_control_characters_are_refused(string body)
    {
        var app = new RemoteApp(new HttpClient(new StubHandler(_ => StubHandler.Respond(body, "application/x-www-form-urlencoded"))), new RemoteAppOptions
        {
            Name = "ctl1-" + Guid.NewGuid().ToString("N"),
            RequestTokenUrl = "https://api.example.com/oauth/request_token",
            AccessTokenUrl = "https://api.example.com/oauth/access_token",
            AuthorizeUrl = "https://api.example.com/oauth/authorize",
            ConsumerKey = "ck",
            ConsumerSecret = "cs-0123456789",
            TimeProvider = new FakeTimeProvider(Now),
        });
        var pending = new PendingAuthorization { AppName = app.Options.Name, RedirectUri = "https://app.example.com/cb", CreatedAt = Now, RequestToken = "rt", RequestTokenSecret = "rts" };

        Assert.Equal(OAuthErrorType.InvalidResponse, (await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync("https://app.example.com/cb"))).Type);
        Assert.Equal(OAuthErrorType.InvalidResponse, (await Assert.ThrowsAsync<OAuthException>(() =>
            app.AuthorizedResponseAsync([new("oauth_token", "rt"), new("oauth_verifier", "v")], pending))).Type);
    }

    [Theory]
    [InlineData("Bearer\r\nX-Injected: 1")]
    [InlineData("Bearer\n")]
    [InlineData("Bea\u0000rer")]
    [InlineData("My Token")]
    public void A_TokenType_option_that_is_not_one_header_word_is_a_configuration_error(string tokenType)
    {
        var error = Assert.Throws<OAuthException>(() => new RemoteApp(new HttpClient(), FakeProvider.Options(o => o.TokenType = tokenType)));

        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("TokenType", error.Message);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("OAuth2")]
    [InlineData("DPoP")]
    [InlineData("token")]
    public void Usual_TokenType_words_are_accepted(string tokenType) =>
        Assert.Equal(tokenType, new RemoteApp(new HttpClient(), FakeProvider.Options(o => o.TokenType = tokenType)).Options.TokenType);
}

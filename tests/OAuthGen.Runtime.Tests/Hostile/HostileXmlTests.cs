using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using OAuthGen.GeneratedCode;
using OAuthGen.Runtime.Tests.OAuth2;

namespace OAuthGen.Runtime.Tests.Hostile;

/// <summary>
/// XML from a hostile server: DTDs (external entities, billion laughs) are refused before any entity is read, and
/// nesting deeper than MaxXmlDepth is refused before a tree is built, so reading costs time linear in the body.
/// </summary>
public class HostileXmlTests
{
    private const string ExternalEntity = """<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>""";

    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <lolz>&lol9;</lolz>
        """;

    private const string PlainDtd = """<?xml version="1.0"?><!DOCTYPE note SYSTEM "note.dtd"><note>hi</note>""";

    private static readonly string FortyThousandLevels = HostileBodies.Nested(40_000);

    public static TheoryData<string> HostileDocuments => new() { ExternalEntity, BillionLaughs, PlainDtd, FortyThousandLevels };

    private static RemoteApp App(string body, Action<RemoteAppOptions>? configure = null) =>
        new(new HttpClient(new StubHandler(_ => StubHandler.Respond(body, "application/xml"))), FakeProvider.Options(configure));

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task OAuthResponse_Data_refuses_hostile_xml_as_invalid_response(string document)
    {
        var response = await App(document).GetAsync("feed", token: new OAuthToken("at"));

        var error = Assert.Throws<OAuthException>(() => response.Data);
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
        Assert.Equal(Encoding.UTF8.GetByteCount(document), response.RawData.Length); // the bytes stay readable
    }

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task The_XElement_reader_of_generated_methods_refuses_hostile_xml(string document)
    {
        var response = await App(document).GetAsync("feed", token: new OAuthToken("at"));

        var error = Assert.Throws<OAuthException>(() => ResponseReader.ReadXElement(response));
        Assert.Contains(error.Type, new[] { OAuthErrorType.InvalidResponse, OAuthErrorType.DeserializationFailed });
    }

    [Fact]
    public async Task Deep_nesting_is_refused_by_the_depth_check_itself()
    {
        var response = await App(FortyThousandLevels).GetAsync("feed", token: new OAuthToken("at"));

        var error = Assert.Throws<OAuthException>(() => response.Data);
        Assert.Contains("MaxXmlDepth (64 levels)", error.Message);
        Assert.Null(error.InnerException); // refused by the scan, not by a parser that got that deep
    }

    [Fact]
    public async Task The_limit_is_inclusive_and_configurable()
    {
        var atLimit = await App(HostileBodies.Nested(64)).GetAsync("feed", token: new OAuthToken("at"));
        var overLimit = await App(HostileBodies.Nested(65)).GetAsync("feed", token: new OAuthToken("at"));
        var raised = await App(HostileBodies.Nested(500), o => o.MaxXmlDepth = 500).GetAsync("feed", token: new OAuthToken("at"));
        var lowered = await App("<a><b/></a>", o => o.MaxXmlDepth = 1).GetAsync("feed", token: new OAuthToken("at"));

        Assert.IsType<XElement>(atLimit.Data);
        Assert.Equal(OAuthErrorType.InvalidResponse, Assert.Throws<OAuthException>(() => overLimit.Data).Type);
        Assert.IsType<XElement>(raised.Data);
        Assert.IsType<XElement>(ResponseReader.ReadXElement(raised));
        Assert.Contains("MaxXmlDepth (1 levels)", Assert.Throws<OAuthException>(() => lowered.Data).Message);
    }

    [Fact]
    public async Task A_typed_response_keeps_the_depth_limit_of_its_app()
    {
        var response = await App(HostileBodies.Nested(100), o => o.MaxXmlDepth = 200).GetAsync("feed", token: new OAuthToken("at"));

        Assert.IsType<XElement>(new OAuthResponse<int>(response, 1).Data);
    }

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task The_oauth1_request_token_step_refuses_hostile_xml(string document)
    {
        var app = new RemoteApp(new HttpClient(new StubHandler(_ => StubHandler.Respond(document, "application/xml"))), new RemoteAppOptions
        {
            Name = "xml1-" + Guid.NewGuid().ToString("N"),
            RequestTokenUrl = "https://api.example.com/oauth/request_token",
            AccessTokenUrl = "https://api.example.com/oauth/access_token",
            AuthorizeUrl = "https://api.example.com/oauth/authorize",
            ConsumerKey = "ck",
            ConsumerSecret = "cs-0123456789",
            TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1318622958)),
        });

        var error = await Assert.ThrowsAsync<OAuthException>(() => app.AuthorizeAsync("https://app.example.com/cb"));
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
    }

    [Fact]
    public async Task The_token_endpoint_refuses_hostile_xml()
    {
        var provider = new FakeProvider().On(FakeProvider.TokenUrl, _ => StubHandler.Respond(FortyThousandLevels, "application/xml"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => provider.App().ClientCredentialsAsync());
        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_depth_limit_that_is_not_positive_is_a_configuration_error(int depth)
    {
        var error = Assert.Throws<OAuthException>(() => new RemoteApp(new HttpClient(), FakeProvider.Options(o => o.MaxXmlDepth = depth)));
        Assert.Equal(OAuthErrorType.InvalidConfiguration, error.Type);
        Assert.Contains("MaxXmlDepth", error.Message);
    }

    [Fact]
    public void The_default_depth_is_64()
    {
        Assert.Equal(64, new RemoteAppOptions().MaxXmlDepth);
        var response = new OAuthResponse(HttpStatusCode.OK, new Dictionary<string, IReadOnlyList<string>>(),
            Encoding.UTF8.GetBytes(HostileBodies.Nested(65)), "application/xml");
        Assert.Contains("MaxXmlDepth (64 levels)", Assert.Throws<OAuthException>(() => response.Data).Message);
    }
}

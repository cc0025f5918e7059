using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;

namespace OAuthGen.Runtime.Tests.Hostile;

/// <summary>
/// Generates what a hostile or broken server answers, from a fixed seed: mutated token JSON, wrong types, huge numbers,
/// invalid UTF-8 and lone surrogates, control characters in tokens, forms, XML (deep, with DTDs), HTML, empty and random
/// bodies, under wrong content types and charsets and with statuses 200/400/401/500 and a few others. Bodies may echo
/// the request they answer (its form body and Authorization header), as careless servers do.
/// </summary>
public sealed class HostileBodies(int seed)
{
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "text/html", "text/html; charset=utf-8",
        "application/x-www-form-urlencoded", "application/xml", "text/xml", "application/problem+json", "application/atom+xml",
        "application/json; charset=utf-7", "text/plain; charset=utf-7", "application/x-www-form-urlencoded; charset=utf-7",
        "application/xml; charset=utf-7", "application/json; charset=utf-16", "application/json; charset=iso-8859-1",
        "application/json; charset=bogus-charset", "text/plain; charset=\"windows-1252\"", "application/octet-stream", "a/b",
        "text/javascript", "application/json;;;", "not a content type",
    ];

    private static readonly HttpStatusCode[] Statuses =
    [
        HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized,
        HttpStatusCode.InternalServerError, HttpStatusCode.Created, HttpStatusCode.NoContent, HttpStatusCode.Found,
    ];

    private static readonly string[] Members =
    [
        "access_token", "token_type", "refresh_token", "expires_in", "expires", "scope", "id_token", "error", "error_description",
        "error_uri", "oauth_token", "oauth_token_secret", "oauth_callback_confirmed", "oauth_problem", "Name", "Id", "Children",
    ];

    private const string Inserted = "{}[]\",:\\<>&=%\0\r\n";

    private readonly Random _random = new(seed);

    /// <summary>A hostile response to a request whose text (form body, Authorization header) is <paramref name="echo"/>.</summary>
    public HttpResponseMessage Next(string echo)
    {
        var (body, defaultType) = Body(echo);
        if (_random.Next(6) == 0) body = Mutate(body);
        var status = Statuses[_random.Next(Statuses.Length)];
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
        var contentType = _random.Next(3) == 0 ? ContentTypes[_random.Next(ContentTypes.Length)] : defaultType;
        if (contentType is not null) response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return response;
    }

    private (byte[] Body, string? ContentType) Body(string echo) => _random.Next(12) switch
    {
        0 or 1 or 2 => (Utf8(TokenJson(echo)), "application/json"),
        3 => (Utf8(ErrorJson(echo)), "application/json"),
        4 => (Utf8(Form(echo)), "application/x-www-form-urlencoded"),
        5 => (Utf8(Xml(echo)), "application/xml"),
        6 => (Utf8($"<html><body><h1>Error</h1><pre>{echo}</pre></body></html>"), "text/html"),
        7 => (Utf8(_random.Next(2) == 0 ? "" : "   \r\n "), null),
        8 => (RandomBytes(), "application/json"),
        9 => (InvalidUtf8Json(), "application/json"),
        10 => (Utf8($"Internal error while handling: {echo}"), "text/plain"),
        _ => (Utf8(StructuredJson()), "application/json"),
    };

    private string TokenJson(string echo)
    {
        var members = new List<string>();
        if (_random.Next(8) != 0) members.Add($"\"access_token\":{Value(echo)}");
        if (_random.Next(2) == 0) members.Add($"\"token_type\":{Value(echo)}");
        if (_random.Next(2) == 0) members.Add($"\"refresh_token\":{Value(echo)}");
        if (_random.Next(2) == 0) members.Add($"\"expires_in\":{Number()}");
        if (_random.Next(4) == 0) members.Add($"\"scope\":{Value(echo)}");
        if (_random.Next(4) == 0) members.Add($"\"{Members[_random.Next(Members.Length)]}\":{Value(echo)}");
        Shuffle(members);
        return "{" + string.Join(",", members) + "}";
    }

    private string ErrorJson(string echo)
    {
        var error = _random.Next(3) switch { 0 => "\"invalid_grant\"", 1 => Value(echo), _ => "\"\"" };
        return $"{{\"error\":{error},\"error_description\":{JsonString(echo)},\"error_uri\":{Value(echo)}}}";
    }

    private string Form(string echo)
    {
        var pairs = new List<string>();
        foreach (var name in new[] { "access_token", "oauth_token", "oauth_token_secret", "oauth_callback_confirmed", "refresh_token", "token_type", "error", "oauth_problem" })
        {
            if (_random.Next(2) == 0) pairs.Add($"{name}={FormValue(echo)}");
        }
        if (_random.Next(4) == 0) pairs.Add(echo);
        return string.Join("&", pairs);
    }

    private string Xml(string echo) => _random.Next(6) switch
    {
        0 => "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><a>&lol2;</a>",
        1 => "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><a>&xxe;</a>",
        2 => Nested(_random.Next(1, 300)),
        3 => $"<{EscapeXmlName(echo)}>",
        4 => $"<error><description>{System.Security.SecurityElement.Escape(echo)}</description></error>",
        _ => $"<token><access_token>{System.Security.SecurityElement.Escape(Word())}</access_token></token>",
    };

    private static string EscapeXmlName(string text)
    {
        var name = new StringBuilder("x");
        foreach (var c in text) name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_');
        return name.ToString();
    }

    /// <summary><paramref name="depth"/> nested elements.</summary>
    public static string Nested(int depth)
    {
        var text = new StringBuilder(depth * 7);
        for (var i = 0; i < depth; i++) text.Append("<a>");
        for (var i = 0; i < depth; i++) text.Append("</a>");
        return text.ToString();
    }

    private string StructuredJson() => _random.Next(5) switch
    {
        0 => $"{{\"Name\":{Value("")},\"Id\":{Number()},\"Children\":[{{\"Name\":\"c\",\"Id\":1}}]}}",
        1 => "[" + string.Join(",", Repeat(() => Value(""), _random.Next(5))) + "]",
        2 => new string('[', 70) + new string(']', 70),
        3 => Number(),
        _ => $"{{\"Name\":{{\"Name\":{Value("")}}},\"Id\":\"not a number\",\"Children\":{Value("")}}}",
    };

    private IEnumerable<string> Repeat(Func<string> make, int count)
    {
        for (var i = 0; i < count; i++) yield return make();
    }

    /// <summary>A JSON value, usually a string, sometimes of the wrong type, malformed or hostile.</summary>
    private string Value(string echo) => _random.Next(16) switch
    {
        0 => Number(),
        1 => "null",
        2 => _random.Next(2) == 0 ? "true" : "false",
        3 => "{\"nested\":{\"deeper\":[1,2,3]}}",
        4 => "[\"a\",1,null]",
        5 => "\"\\ud83d\"",                            // a lone surrogate escape
        6 => "\"ok\\u0000nul\"",                        // NUL
        7 => "\"tok\\r\\nX-Injected: 1\"",            // CR LF
        8 => "\"tab\\there\"",
        9 => "\"del\u007f\"",
        10 => JsonString(echo),
        11 => "\"\"",
        12 => "\"" + new string('a', _random.Next(1000, 5000)) + "\"",
        _ => JsonString(Word()),
    };

    private string Number() => _random.Next(8) switch
    {
        0 => "1e400",
        1 => "-1e400",
        2 => "99999999999999999999999999999999999",
        3 => "3600.0",
        4 => "-5",
        5 => "\"3600\"",
        6 => "0",
        _ => _random.Next(1, 100000).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private string FormValue(string echo) => _random.Next(6) switch
    {
        0 => "%0D%0AX-Injected%3A%201",
        1 => "%00",
        2 => Uri.EscapeDataString(echo),
        3 => "%ZZ%",
        4 => "%C3%28",                                  // invalid UTF-8
        _ => Uri.EscapeDataString(Word()),
    };

    private string Word()
    {
        var chars = new char[_random.Next(1, 40)];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)_random.Next(0x21, 0x7F);
        return new string(chars);
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(0, 200)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] InvalidUtf8Json()
    {
        var prefix = Utf8("{\"access_token\":\"");
        byte[] bad = _random.Next(3) switch { 0 => [0xC3, 0x28], 1 => [0xFF, 0xFE], _ => [0xED, 0xA0, 0x80] };
        return [.. prefix, .. bad, .. Utf8("\",\"refresh_token\":\"r\"}")];
    }

    private byte[] Mutate(byte[] body)
    {
        if (body.Length == 0) return [(byte)_random.Next(256)];
        var bytes = new List<byte>(body);
        for (var i = _random.Next(1, 4); i > 0 && bytes.Count > 0; i--)
        {
            var at = _random.Next(bytes.Count);
            switch (_random.Next(4))
            {
                case 0: bytes[at] = (byte)_random.Next(256); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                case 2: bytes.Insert(at, (byte)Inserted[_random.Next(Inserted.Length)]); break;
                default: bytes.RemoveAt(at); break;
            }
        }
        return [.. bytes];
    }

    private void Shuffle(List<string> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static string JsonString(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>An in-memory server that answers every request through <paramref name="respond"/>, given the request's text.</summary>
public sealed class EchoingHandler(Func<HttpRequestMessage, string, HttpResponseMessage> respond) : HttpMessageHandler
{
    public int Count;

    protected override async System.Threading.Tasks.Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        System.Threading.CancellationToken cancellationToken)
    {
        System.Threading.Interlocked.Increment(ref Count);
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var echo = $"{request.Method} {request.RequestUri} Authorization: {request.Headers.Authorization} {body}";
        return respond(request, echo);
    }
}

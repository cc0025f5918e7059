using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using OAuthGen.Runtime.Tests;

namespace OAuthGen.Generator.Tests.Execution;

/// <summary>
/// Each value kind (TestSources.Values) through a generated client, as the server reads it: query, form field, header and
/// path. Every call runs under a German culture, whose decimal comma must never reach the wire.
/// </summary>
public sealed class ValueFormattingTests(ClientsFixture fixture) : IClassFixture<ClientsFixture>
{
    private const string Values = "Samples.Values.IValues";

    private static readonly DateTimeOffset At = new(2024, 1, 2, 3, 4, 5, 6, TimeSpan.FromHours(2));
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    /// <summary>A URL whose query holds an escaped space: <c>Uri.ToString()</c> would turn <c>%20</c> into a space.</summary>
    private static readonly Uri Next = new("https://x.example/a?b=%20c&d=e");

    private readonly StubHandler _server = new(_ => StubHandler.Respond("", null));

    private GeneratedClientAssembly Clients => fixture.Clients;

    private object Color(string name) => Enum.Parse(Clients.Type("Samples.Values.Color"), name);

    private object Access(int value) => Enum.ToObject(Clients.Type("Samples.Values.Access"), value);

    /// <summary>Calls <paramref name="method"/> under de-DE; returns the request the server saw (it answers 200 to all).</summary>
    private async Task<RecordedRequest?> CallAsync(string method, params object?[] arguments)
    {
        var requestsBefore = _server.Requests.Count;
        var options = Clients.CreateOptions(Values);
        options.ConsumerKey = "client";
        options.ConsumerSecret = "secret";
        options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(new OAuthToken("t"));
        var client = Clients.Create(Values, new HttpClient(_server), options);
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture)); // the culture really is in force
            await GeneratedClientAssembly.CallAsync(client, Values, method, arguments);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
        return _server.Requests.Skip(requestsBefore).SingleOrDefault();
    }

    /// <summary>The name/value pairs of a query or form body, decoded as a server decodes them.</summary>
    private static List<(string Name, string Value)> Decode(string encoded) =>
        [.. encoded.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=');
            return (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        })];

    [Fact]
    public async Task QueryValuesAreFormattedPerType_NullsLeftOut_SequencesRepeated()
    {
        var request = await CallAsync("QueryAsync", 3, null, true, -1234.5, 2.50m, At, Id, Color("DarkBlue"), Access(3), Next,
            "a&b=c d/é?#", new[] { 1, 2 }, new List<string?> { "x", null, "y z" }, new int?[] { 1, null, -3 }, null, null, null, null);

        Assert.Equal(
        [
            ("count", "3"), ("flag", "true"), ("ratio", "-1234.5"), ("price", "2.50"), ("at", "2024-01-02T03:04:05.0060000+02:00"),
            ("id", "0f8fad5b-d9cb-469f-a165-70867728950e"), ("color", "DarkBlue"), ("access", "Read, Write"),
            ("next", "https://x.example/a?b=%20c&d=e"), ("text", "a&b=c d/é?#"), ("ids", "1"), ("ids", "2"), ("tags", "x"),
            ("tags", "y z"), ("levels", "1"), ("levels", "-3"),
        ], Decode(request!.Uri.Query));
        // The Uri's own escape survives as %2520 on the wire: the server decodes it back to %20, not to a space.
        Assert.Contains("next=https%3A%2F%2Fx.example%2Fa%3Fb%3D%2520c%26d%3De&", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task NullableQueryValuesAreSentWhenPresent_UnnamedEnumValuesAsNumbers()
    {
        var request = await CallAsync("QueryAsync", 0, 9_007_199_254_740_993L, false, 0.1, 0m, At, Guid.Empty, Enum.ToObject(Clients.Type("Samples.Values.Color"), 7),
            Access(0), new Uri("/relative?q=%41", UriKind.Relative), null, Array.Empty<int>(), new List<string?>(), Array.Empty<int?>(),
            TimeSpan.FromSeconds(90), Color("Red"), new DateOnly(2024, 1, 2), new TimeOnly(3, 4, 5));

        Assert.Equal(
        [
            ("count", "0"), ("since", "9007199254740993"), ("flag", "false"), ("ratio", "0.1"), ("price", "0"),
            ("at", "2024-01-02T03:04:05.0060000+02:00"), ("id", "00000000-0000-0000-0000-000000000000"), ("color", "7"),
            ("access", "None"), ("next", "/relative?q=%41"), ("wait", "00:01:30"), ("shade", "Red"), ("on", "2024-01-02"),
            ("time", "03:04:05.0000000"),
        ], Decode(request!.Uri.Query));
    }

    [Fact]
    public async Task FormFieldsAreFormattedPerType()
    {
        var day = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        var request = await CallAsync("FormAsync", 7, 42L, true, 1.5, 10.25m, day, Id, Color("Red"), Next, "x y&z", new[] { 4, 5 },
            new List<string> { "a", "b" });

        Assert.Equal("application/x-www-form-urlencoded", request!.ContentType);
        Assert.Equal(
        [
            ("count", "7"), ("since", "42"), ("flag", "true"), ("ratio", "1.5"), ("price", "10.25"), ("day", "2024-01-02T03:04:05.0000000Z"),
            ("id", "0f8fad5b-d9cb-469f-a165-70867728950e"), ("color", "Red"), ("next", "https://x.example/a?b=%20c&d=e"),
            ("text", "x y&z"), ("n", "4"), ("n", "5"), ("tags", "a"), ("tags", "b"),
        ], Decode(request.BodyText));
    }

    [Fact]
    public async Task NullFormFieldsAreLeftOut()
    {
        var request = await CallAsync("FormAsync", 1, null, false, 0.0, 0m, default(DateTime), Guid.Empty, Color("Red"), null, null, null,
            new List<string>());

        Assert.Equal(
        [
            ("count", "1"), ("flag", "false"), ("ratio", "0"), ("price", "0"), ("day", "0001-01-01T00:00:00.0000000"),
            ("id", "00000000-0000-0000-0000-000000000000"), ("color", "Red"),
        ], Decode(request!.BodyText));
    }

    [Fact]
    public async Task HeaderValuesAreFormattedPerType_NullsLeftOut()
    {
        var request = await CallAsync("HeadersAsync", 3, 8L, false, 2.5, 1.10m, At, Id, Color("DarkBlue"), Next, "plain text");
        var empty = await CallAsync("HeadersAsync", 3, null, true, 2.5, 1.10m, At, Id, Color("DarkBlue"), null, null);

        Assert.Equal("3", request!.Header("X-Count"));
        Assert.Equal("8", request.Header("X-Since"));
        Assert.Equal("false", request.Header("X-Flag"));
        Assert.Equal("2.5", request.Header("X-Ratio"));
        Assert.Equal("1.10", request.Header("X-Price"));
        Assert.Equal("2024-01-02T03:04:05.0060000+02:00", request.Header("X-At"));
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", request.Header("X-Id"));
        Assert.Equal("DarkBlue", request.Header("X-Color"));
        Assert.Equal("https://x.example/a?b=%20c&d=e", request.Header("X-Next"));
        Assert.Equal("plain text", request.Header("X-Text"));
        Assert.Equal("true", empty!.Header("X-Flag"));
        Assert.Null(empty.Header("X-Since"));
        Assert.Null(empty.Header("X-Next"));
        Assert.Null(empty.Header("X-Text"));
    }

    [Fact]
    public async Task PathValuesAreFormattedPerTypeAndEscapedAsOneSegment()
    {
        var request = await CallAsync("PathAsync", "a b/c", Id, 7, 9L, 0.25, Color("DarkBlue"), At, new Uri("http://h/x%20y"));

        Assert.Equal("https://api.example.com/items/a%20b%2Fc/0f8fad5b-d9cb-469f-a165-70867728950e/7/9/0.25/DarkBlue/" +
            "2024-01-02T03%3A04%3A05.0060000%2B02%3A00/http%3A%2F%2Fh%2Fx%2520y", request!.Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("since")]
    [InlineData("next")]
    public async Task NullPathValueOfAnyKindIsAnArgumentNullExceptionBeforeAnyRequest(string missing)
    {
        object?[] arguments = ["n", Id, 1, 2L, 0.5, Color("Red"), At, Next];
        arguments[missing switch { "name" => 0, "since" => 3, _ => 7 }] = null;

        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => CallAsync("PathAsync", arguments));

        Assert.Equal(missing, error.ParamName);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    public async Task DotOrEmptyPathValueIsAnArgumentExceptionBeforeAnyRequest(string name)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => CallAsync("PathAsync", name, Id, 1, 2L, 0.5, Color("Red"), At, Next));

        Assert.Equal("name", error.ParamName);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task DotOrEmptyTextOfAUriPathValueIsRefusedToo()
    {
        // The rule is on the formatted text, whatever the type: a relative Uri ".." would climb out of the route as well.
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            CallAsync("PathAsync", "n", Id, 1, 2L, 0.5, Color("Red"), At, new Uri("..", UriKind.Relative)));

        Assert.Equal("next", error.ParamName);
        Assert.Empty(_server.Requests);
    }
}

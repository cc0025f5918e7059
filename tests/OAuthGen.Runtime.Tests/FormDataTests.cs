namespace OAuthGen.Runtime.Tests;

public class FormDataTests
{
    [Fact]
    public void Parsing_is_lenient_and_keeps_repeats_in_order()
    {
        var form = FormData.Parse("?a=1+2&b=%zz%4&a=%E2%98%83&c&d=[x]'$&e=日本&f=%F0%9F%98%80😀&g=%FF");

        Assert.Equal(["1 2", "☃"], form.GetValues("a"));
        Assert.Equal("%zz%4", form["b"]);          // malformed escapes stay as text
        Assert.Equal("", form["c"]);               // a name without '=' has an empty value
        Assert.Equal("[x]'$", form["d"]);          // characters RFC 3986 allows unescaped
        Assert.Equal("日本", form["e"]);            // raw non-ASCII
        Assert.Equal("😀😀", form["f"]);           // escaped and raw surrogate pairs alike
        Assert.Equal("\uFFFD", form["g"]);         // an escape that is not UTF-8
        Assert.Equal(8, form.Count);
    }

    [Fact]
    public void Encoding_uses_rfc3986_escapes_and_round_trips()
    {
        var form = new FormData { { "status", "Hello Ladies + Gentlemen, a signed OAuth request!" }, { "q", "☃ 日本" } };

        var encoded = form.Encode();

        Assert.Equal("status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21&q=%E2%98%83%20%E6%97%A5%E6%9C%AC", encoded);
        Assert.Equal(form, FormData.Parse(encoded));
    }
}

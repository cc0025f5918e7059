using System;

namespace OAuthGen.Runtime.Tests.Hostile;

/// <summary>Scrubbing by value: every spelling of a secret a server echoes, longest first, short values left alone.</summary>
public class KnownSecretsTests
{
    private static readonly RemoteAppOptions Options = new() { Name = "x", ConsumerKey = "client:id", ConsumerSecret = "se cret+/é=" };

    [Theory]
    [InlineData("se cret+/é=")]
    [InlineData("se%20cret%2B%2F%C3%A9%3D")]
    [InlineData("se%20cret%2b%2f%c3%a9%3d")]
    [InlineData("se+cret%2B%2F%C3%A9%3D")]
    [InlineData("se+cret%2b%2f%c3%a9%3d")]
    [InlineData("se cret+\\/é=")]
    [InlineData("se cret\\u002B/\\u00E9=")]
    public void Every_echoed_spelling_of_the_consumer_secret_is_masked(string spelling)
    {
        Assert.Equal("got [***] back", KnownSecrets.Of(Options).Scrub($"got [{spelling}] back"));
    }

    [Fact]
    public void Both_basic_credentials_are_masked()
    {
        var raw = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("client:id:se cret+/é="));
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("client%3Aid:se+cret%2B%2F%C3%A9%3D"));
        var secrets = KnownSecrets.Of(Options);

        Assert.Equal("Basic ***", secrets.Scrub("Basic " + raw));
        Assert.Equal("Basic ***", secrets.Scrub("Basic " + encoded));
        Assert.Equal("Basic%20***", secrets.Scrub("Basic%20" + Uri.EscapeDataString(raw)));
    }

    [Fact]
    public void Call_secrets_and_secret_form_fields_are_masked_and_other_fields_are_not()
    {
        var secrets = KnownSecrets.None.With("verifier-0123456789", null, "")
            .WithFields([new("code", "code-abcdefgh"), new("grant_type", "authorization_code"), new("redirect_uri", "https://app/cb")]);

        Assert.Equal("*** *** authorization_code https://app/cb", secrets.Scrub("verifier-0123456789 code-abcdefgh authorization_code https://app/cb"));
    }

    [Fact]
    public void Longer_secrets_go_first_so_no_part_is_left_behind()
    {
        var secrets = KnownSecrets.None.With("abcdefgh", "abcdefgh-longer-secret");

        Assert.Equal("[***]", secrets.Scrub("[abcdefgh-longer-secret]"));
    }

    [Fact]
    public void Values_shorter_than_the_minimum_are_not_scrubbed()
    {
        Assert.Equal(8, KnownSecrets.MinimumLength);
        var secrets = KnownSecrets.None.With("1234567", "true");

        Assert.Equal("HTTP 1234567 true", secrets.Scrub("HTTP 1234567 true"));
        Assert.Equal("***", KnownSecrets.None.With("12345678").Scrub("12345678"));
    }
}

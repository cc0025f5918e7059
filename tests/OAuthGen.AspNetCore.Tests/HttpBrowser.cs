using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using OAuthGen.Samples.DemoProvider;

namespace OAuthGen.AspNetCore.Tests;

/// <summary>A scripted browser over HTTP: a cookie jar, and redirects taken one hop at a time so each hop can be checked.</summary>
internal sealed class HttpBrowser : IDisposable
{
    private readonly HttpClient _http;

    public HttpBrowser()
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false });
    }

    public CookieContainer Cookies { get; }

    public async Task<Hop> GetAsync(Uri url) => await Hop.ReadAsync(url, await _http.GetAsync(url));

    public async Task<Hop> PostAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields) =>
        await Hop.ReadAsync(url, await _http.PostAsync(url, new FormUrlEncodedContent(fields)));

    public async Task<Hop> SendAsync(HttpRequestMessage request) => await Hop.ReadAsync(request.RequestUri!, await _http.SendAsync(request));

    /// <summary>Starts a sign-in: the site's challenge, answered with a redirect to the provider's authorize endpoint.</summary>
    public async Task<Uri> StartSignInAsync(SignInSite site, string scheme)
    {
        var challenge = await GetAsync(new Uri(site.Url, $"login/{scheme}"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.Status);
        Assert.Equal(site.Provider.BaseUrl.Authority, challenge.Location!.Authority);
        return challenge.Location;
    }

    /// <summary>The user decides at the provider; returns the provider's redirect to the site's callback.</summary>
    public async Task<Uri> DecideAsync(Uri authorize, bool approve)
    {
        var decided = await GetAsync(approve ? DemoProviderHost.Approve(authorize) : DemoProviderHost.Deny(authorize));
        Assert.Equal(HttpStatusCode.Redirect, decided.Status);
        return decided.Location!;
    }

    /// <summary>A whole sign-in; returns the signed-in <c>/me</c> answer.</summary>
    public async Task<JsonElement> SignInAsync(SignInSite site, string scheme)
    {
        var callback = await DecideAsync(await StartSignInAsync(site, scheme), approve: true);
        var completed = await GetAsync(callback);
        Assert.True(completed.Status == HttpStatusCode.Redirect, completed.Describe());
        Assert.Equal(new Uri(site.Url, "/me"), completed.Location);
        return await MeAsync(site);
    }

    public async Task<JsonElement> MeAsync(SignInSite site)
    {
        var me = await GetAsync(new Uri(site.Url, "me"));
        Assert.True(me.Status == HttpStatusCode.OK, me.Describe());
        return JsonDocument.Parse(me.Body).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One response as the browser saw it.</summary>
internal sealed record Hop(Uri Url, HttpStatusCode Status, Uri? Location, string Body, string[] SetCookies)
{
    public static async Task<Hop> ReadAsync(Uri url, HttpResponseMessage response)
    {
        using (response)
        {
            var location = response.Headers.Location is { } target ? new Uri(url, target) : null;
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToArray() : [];
            return new Hop(url, response.StatusCode, location, await response.Content.ReadAsStringAsync(), cookies);
        }
    }

    /// <summary>The <c>data-error</c> code of the default failure page.</summary>
    public string? ErrorCode => System.Text.RegularExpressions.Regex.Match(Body, "data-error=\"([^\"]*)\"") is { Success: true } match
        ? match.Groups[1].Value : null;

    public string Describe() => $"{(int)Status} from {Url}, Location {Location}: {Body}";
}

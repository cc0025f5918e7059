using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Docs.Tests;

/// <summary>
/// The README's console program, compiled and its client run against a canned GitHub answer: its JsonContext really
/// binds GitHub's snake_case names (under the default camelCase they would silently stay empty).
/// </summary>
public sealed class ReadmeConsoleProgramTests
{
    private const string GitHubUserJson = """{"login":"octocat","name":"The Octocat","html_url":"https://github.com/octocat","public_repos":8}""";

    [Fact]
    public async Task ItsClientBindsGitHubsSnakeCaseJsonAndSendsTheToken()
    {
        var program = CompleteProgram.In("README.md").First(p => p.Kind == ProgramKind.Console);
        var (problems, _, image) = ProgramCompiler.Compile(program);
        Assert.Empty(problems);
        var context = new AssemblyLoadContext("readme-console", isCollectible: true);
        try
        {
            var gitHub = context.LoadFromStream(new System.IO.MemoryStream(image)).GetType("IGitHub", throwOnError: true)!;
            var options = (RemoteAppOptions)gitHub.GetMethod("CreateOptions", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
            options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(new OAuthToken("ghp_test"));
            var server = new CannedServer(GitHubUserJson);
            var client = gitHub.GetMethod("Create", [typeof(HttpClient), typeof(RemoteAppOptions)])!
                .Invoke(null, [new HttpClient(server), options])!;

            var call = (Task)gitHub.GetMethod("GetUserAsync")!.Invoke(client, [CancellationToken.None])!;
            await call;
            var user = call.GetType().GetProperty("Result")!.GetValue(call)!;

            Assert.Equal("https://api.github.com/user", server.Uri);
            Assert.Equal("Bearer ghp_test", server.Authorization);
            Assert.Equal("GitHubCli", server.UserAgent);
            Assert.Equal("octocat", Property(user, "Login"));
            Assert.Equal("https://github.com/octocat", Property(user, "HtmlUrl"));
            Assert.Equal(8, Property(user, "PublicRepos"));
        }
        finally
        {
            context.Unload();
        }
    }

    private static object? Property(object target, string name) => target.GetType().GetProperty(name)!.GetValue(target);

    private sealed class CannedServer(string json) : HttpMessageHandler
    {
        public string? Uri { get; private set; }

        public string? Authorization { get; private set; }

        public string? UserAgent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uri = request.RequestUri?.AbsoluteUri;
            Authorization = request.Headers.Authorization?.ToString();
            UserAgent = string.Join(" ", request.Headers.UserAgent.Select(u => u.ToString()));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            });
        }
    }
}

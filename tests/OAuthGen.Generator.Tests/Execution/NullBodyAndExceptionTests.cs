using System;
using System.Collections;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using OAuthGen.Runtime.Tests;

namespace OAuthGen.Generator.Tests.Execution;

/// <summary>
/// A JSON <c>null</c> body is a failure for a method that promises a non-nullable value, and a value for one that
/// declares <c>T?</c>; <see cref="OAuthException"/> carries the response and its status without hiding <see cref="Exception.Data"/>.
/// </summary>
public sealed class NullBodyAndExceptionTests : IDisposable
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using OAuthGen;

        namespace Samples.Nulls;

        public sealed record User(string Login);

        [RemoteApp("reflection", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://api.example.com/token", AppKey = "Reflection")]
        public partial interface IReflectionJson
        {
            [Get("user")] Task<User> GetUserAsync(CancellationToken cancellationToken = default);
            [Get("user")] Task<User?> FindUserAsync(CancellationToken cancellationToken = default);
            [Get("user")] ValueTask<User> GetUserValueTaskAsync(CancellationToken cancellationToken = default);
            [Get("users")] Task<List<User>> ListUsersAsync(CancellationToken cancellationToken = default);
            [Get("users")] Task<User[]?> FindUsersAsync(CancellationToken cancellationToken = default);
            [Get("count")] Task<int> CountAsync(CancellationToken cancellationToken = default);
            [Get("count")] Task<int?> FindCountAsync(CancellationToken cancellationToken = default);
            [Get("user")] Task<OAuthResponse<User>> GetUserResponseAsync(CancellationToken cancellationToken = default);
            [Get("user")] Task<OAuthResponse<User?>> FindUserResponseAsync(CancellationToken cancellationToken = default);
        }

        [RemoteApp("context", BaseUrl = "https://api.example.com/", AccessTokenUrl = "https://api.example.com/token", AppKey = "Context",
            JsonContext = typeof(NullsJson))]
        public partial interface IContextJson
        {
            [Get("user")] Task<User> GetUserAsync(CancellationToken cancellationToken = default);
            [Get("user")] Task<User?> FindUserAsync(CancellationToken cancellationToken = default);
        }

        [JsonSerializable(typeof(User))]
        public partial class NullsJson : JsonSerializerContext
        {
        }
        """;

    private const string Reflection = "Samples.Nulls.IReflectionJson";
    private const string Context = "Samples.Nulls.IContextJson";

    private readonly GeneratedClientAssembly _clients = GeneratedClientAssembly.Compile(Source);

    private IRemoteApp Create(string interfaceName, Func<RecordedRequest, HttpResponseMessage> respond)
    {
        var options = _clients.CreateOptions(interfaceName);
        options.TokenGetter = (_, _) => ValueTask.FromResult<OAuthToken?>(new OAuthToken("tok"));
        return _clients.Create(interfaceName, new HttpClient(new StubHandler(respond)), options);
    }

    private IRemoteApp Answering(string interfaceName, string body, HttpStatusCode status = HttpStatusCode.OK) =>
        Create(interfaceName, _ => StubHandler.Respond(body, "application/json", status));

    private static Task<object?> Call(IRemoteApp client, string interfaceName, string method) =>
        GeneratedClientAssembly.CallAsync(client, interfaceName, method, default(CancellationToken));

    [Theory]
    [InlineData(Reflection, "GetUserAsync", "User")]
    [InlineData(Reflection, "GetUserValueTaskAsync", "User")]
    [InlineData(Reflection, "ListUsersAsync", "List`1")]
    [InlineData(Context, "GetUserAsync", "User")]
    public async Task JsonNullForANonNullableResultIsDeserializationFailed(string interfaceName, string method, string typeName)
    {
        var client = Answering(interfaceName, "null");

        var error = await Assert.ThrowsAsync<OAuthException>(() => Call(client, interfaceName, method));

        Assert.Equal(OAuthErrorType.DeserializationFailed, error.Type);
        Assert.Contains($"non-nullable {typeName}", error.Message);
        Assert.Equal("null", error.Response!.Text);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task JsonNullForANonNullableValueTypeIsDeserializationFailed()
    {
        var client = Answering(Reflection, "null");

        var error = await Assert.ThrowsAsync<OAuthException>(() => Call(client, Reflection, "CountAsync"));

        Assert.Equal(OAuthErrorType.DeserializationFailed, error.Type);
    }

    [Theory]
    [InlineData(Reflection, "FindUserAsync")]
    [InlineData(Reflection, "FindUsersAsync")]
    [InlineData(Reflection, "FindCountAsync")]
    [InlineData(Context, "FindUserAsync")]
    public async Task JsonNullForANullableResultIsNull(string interfaceName, string method)
    {
        Assert.Null(await Call(Answering(interfaceName, "null"), interfaceName, method));
    }

    [Fact]
    public async Task NonNullBodiesStillReadForBothDeclarations()
    {
        var client = Answering(Context, """{"Login":"octocat"}""");

        Assert.Equal("octocat", GeneratedClientAssembly.Property((await Call(client, Context, "GetUserAsync"))!, "Login"));
        Assert.Equal("octocat", GeneratedClientAssembly.Property((await Call(client, Context, "FindUserAsync"))!, "Login"));
        Assert.Equal(3, await Call(Answering(Reflection, "3"), Reflection, "CountAsync"));
    }

    [Fact]
    public async Task TypedResponseFollowsTheDeclaredNullability()
    {
        var error = await Assert.ThrowsAsync<OAuthException>(() => Call(Answering(Reflection, "null"), Reflection, "GetUserResponseAsync"));
        Assert.Equal(OAuthErrorType.DeserializationFailed, error.Type);

        var response = (OAuthResponse)(await Call(Answering(Reflection, "null"), Reflection, "FindUserResponseAsync"))!;
        Assert.Null(GeneratedClientAssembly.Property(response, "Value"));
    }

    [Fact]
    public async Task HttpErrorCarriesTheResponseAndItsStatusCode()
    {
        var client = Answering(Reflection, """{"message":"Not Found"}""", HttpStatusCode.NotFound);

        var error = await Assert.ThrowsAsync<OAuthException>(() => Call(client, Reflection, "GetUserAsync"));

        Assert.Equal(OAuthErrorType.HttpError, error.Type);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, error.Response!.Status);
    }

    [Fact]
    public async Task NoAnswerMeansNoStatusCode()
    {
        var client = Create(Reflection, _ => throw new HttpRequestException("connection refused"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => Call(client, Reflection, "GetUserAsync"));

        Assert.Equal(OAuthErrorType.RequestFailed, error.Type);
        Assert.Null(error.Response);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task ExceptionDataIsTheUsualDictionary()
    {
        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            Call(Answering(Reflection, "{}", HttpStatusCode.BadGateway), Reflection, "GetUserAsync"));

        // Exception.Data is what logging and telemetry libraries write to; OAuthException no longer hides it.
        Exception asException = error;
        asException.Data["correlation"] = "abc";
        Assert.Same(asException.Data, error.Data);
        Assert.IsAssignableFrom<IDictionary>(error.Data);
        Assert.Equal("abc", error.Data["correlation"]);
        Assert.Null(typeof(OAuthException).GetProperty("Data", System.Reflection.BindingFlags.DeclaredOnly |
            System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance));
    }

    public void Dispose() => _clients.Dispose();
}

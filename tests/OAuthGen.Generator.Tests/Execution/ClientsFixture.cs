using System;

namespace OAuthGen.Generator.Tests.Execution;

/// <summary>Compiles the sample interfaces once for all execution tests.</summary>
public sealed class ClientsFixture : IDisposable
{
    public const string Photos = """
        using System.Threading.Tasks;
        using OAuthGen;

        namespace Samples.Photos;

        // RFC 5849 §1.2: the protected-resource request of the photos.example.net example.
        [RemoteApp("photos",
            BaseUrl = "http://photos.example.net/",
            RequestTokenUrl = "https://photos.example.net/initiate",
            AccessTokenUrl = "https://photos.example.net/token",
            AuthorizeUrl = "https://photos.example.net/authorize",
            ConsumerKey = "dpf43f3p2l4k3l03",
            AllowInsecureHttp = true)]
        public partial interface IPhotos
        {
            [Get("photos")]
            Task<OAuthResponse> GetPhotoAsync(string file, string size);
        }
        """;

    /// <summary>Generic code that only knows the factory interface, as services.AddRemoteApp&lt;T&gt;() does.</summary>
    public const string Factory = """
        using System.Net.Http;
        using OAuthGen;

        namespace Samples;

        public static class GenericFactory
        {
            public static TApp Make<TApp>(HttpClient http) where TApp : class, IRemoteApp, IRemoteAppFactory<TApp> =>
                TApp.Create(http, null, null);

            public static RemoteAppOptions Options<TApp>() where TApp : class, IRemoteApp, IRemoteAppFactory<TApp> =>
                TApp.CreateOptions();

            public static IRemoteApp MakeLarge(HttpClient http) => Make<Samples.Large.Outer.Holder.ILarge>(http);

            public static RemoteAppOptions LargeOptions() => Options<Samples.Large.Outer.Holder.ILarge>();
        }
        """;

    public ClientsFixture() =>
        Clients = GeneratedClientAssembly.Compile(TestSources.GitHub, TestSources.Weibo, TestSources.Large, TestSources.Values, Photos, Factory);

    public GeneratedClientAssembly Clients { get; }

    public void Dispose() => Clients.Dispose();
}

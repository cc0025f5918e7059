using OAuthGen.Samples.WebApp;

// Open http://127.0.0.1:5080 and sign in with either protocol. The demo provider runs inside this process.
await using var site = await DemoSite.CreateAsync(args);
await site.App.RunAsync();

using OAuthGen.Samples.WebApp;

// Open http://localhost:5080 (or http://127.0.0.1:5080) and sign in with either protocol. The demo provider runs inside
// this process; DemoSite.cs wires the sign-in in a few lines, Pages.cs has the pages.
await using var site = await DemoSite.CreateAsync(args);
await site.App.RunAsync();

using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace OAuthGen.AspNetCore.Tests;

/// <summary>
/// Debian's headless Chromium driven through its own chromedriver (explicit paths, so Selenium Manager never looks for or
/// downloads a browser), with a fresh profile; stopped by its own process ids. A failing step saves a screenshot and the
/// page source in <see cref="BrowserArtifacts.Folder"/> (emptied when the run's first browser starts) and names both files
/// in the failure.
/// </summary>
internal sealed class ChromeSession : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";

    private readonly ChromeDriverService _service;
    private readonly string _profile;
    private readonly int _driverProcessId;

    public ChromeSession()
    {
        Assert.True(File.Exists(ChromiumPath) && File.Exists(ChromeDriverPath),
            $"The browser tests need Debian's chromium and chromium-driver ({ChromiumPath}, {ChromeDriverPath}); ./test.sh installs them.");
        BrowserArtifacts.ClearOnce();
        _profile = Directory.CreateTempSubdirectory("oauthgen-chromium-").FullName;
        _service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
        _service.HideCommandPromptWindow = true;
        _service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--window-size=1024,800", $"--user-data-dir={_profile}");
        Driver = new ChromeDriver(_service, options, TimeSpan.FromSeconds(60));
        _driverProcessId = _service.ProcessId;
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    public ChromeDriver Driver { get; }

    /// <summary>Runs the browser steps; on failure keeps a screenshot and the source of the page and names them in the failure.</summary>
    public async Task RunAsync(string name, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception failure)
        {
            throw new Xunit.Sdk.XunitException($"{failure.Message}\nBrowser: {SavePage(name)}\n{failure}");
        }
    }

    /// <summary>Saves <c>{name}.png</c> and <c>{name}.html</c> of the current page; says which files were written, or why none.</summary>
    private string SavePage(string name)
    {
        var folder = BrowserArtifacts.Folder;
        var screenshot = Path.Combine(folder, name + ".png");
        var source = Path.Combine(folder, name + ".html");
        try
        {
            var url = Driver.Url;
            File.WriteAllText(source, Driver.PageSource);
            Driver.GetScreenshot().SaveAsFile(screenshot);
            return $"the page at {url} is saved as {screenshot} and {source}";
        }
        catch (Exception e) when (e is WebDriverException or IOException or UnauthorizedAccessException)
        {
            return File.Exists(source) ? $"the page source is saved as {source}; no screenshot ({e.Message})" : $"nothing saved ({e.Message})";
        }
    }

    /// <summary>Opens <paramref name="url"/>.</summary>
    public void Open(Uri url) => Driver.Navigate().GoToUrl(url);

    /// <summary>Clicks the element <paramref name="by"/> finds and waits until the browser has left the page.</summary>
    public void Click(By by)
    {
        var element = Driver.FindElement(by);
        element.Click();
        new WebDriverWait(Driver, TimeSpan.FromSeconds(20)).Until(_ => IsStale(element));
    }

    /// <summary>Waits for an element (pages arrive through redirects).</summary>
    public IWebElement Find(By by) => new WebDriverWait(Driver, TimeSpan.FromSeconds(20)).Until(driver => driver.FindElement(by));

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        catch (WebDriverException)
        {
            // The driver is stopped below in any case.
        }
        Driver.Dispose();
        _service.Dispose();
        // Whatever survived (chromedriver, and the browser it started) is stopped by the driver's own process id.
        try
        {
            using var driver = Process.GetProcessById(_driverProcessId);
            driver.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // The browser may still hold a file for a moment; the temp folder is cleaned up later.
        }
    }

    private static bool IsStale(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
        catch (UnknownErrorException e) when (e.Message.Contains("does not belong to the document", StringComparison.Ordinal))
        {
            // Chromium answers this instead of a stale reference when the page is being replaced mid-query: the element's
            // document is gone, which is what the wait is for.
            return true;
        }
    }
}

using Microsoft.Playwright;

namespace Gateway.IntegrationTests.Dashboard;

/// <summary>
/// Debian's Chromium driven by Playwright (its driver ships in the package; nothing is downloaded).
/// One browser per test class; each test gets a fresh context (no shared localStorage).
/// </summary>
public sealed class BoardBrowser : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

using System.Text.Json;
using Microsoft.Playwright;

namespace VolunteerOps.GatewayBench;

/// <summary>One sample of the page's memory and liveness.</summary>
internal sealed record PageSample(
    double Minutes, double HeapUsedMb, double HeapTotalMb, long Nodes, long Listeners, double RendererRssMb, double RendererAnonMb,
    int Renderers, long Documents, long Connects, long Frames, double LongestTaskMs);

/// <summary>
/// The real board page in headless Debian Chromium (Playwright). Memory from Chrome DevTools Protocol
/// (Performance.getMetrics: JS heap, DOM nodes, listeners) and from /proc (the renderer's resident set). An init
/// script counts the coverage documents the board parses and its stream connections, without changing board.js:
/// JSON.parse and fetch are wrapped, and a requestAnimationFrame loop and a long-task observer keep two more
/// numbers: nothing that grows.
/// </summary>
internal sealed class BoardPage : IAsyncDisposable
{
    private const string Counters = """
        window.__bench = { documents: 0, connects: 0, frames: 0, longestTaskMs: 0 };
        // Frames the page got to render, and its longest main-thread task: whether it kept painting, not only parsing.
        const frame = () => { window.__bench.frames++; requestAnimationFrame(frame); };
        requestAnimationFrame(frame);
        new PerformanceObserver((list) => {
          for (const task of list.getEntries()) window.__bench.longestTaskMs = Math.max(window.__bench.longestTaskMs, task.duration);
        }).observe({ type: 'longtask', buffered: true });
        const parse = JSON.parse;
        JSON.parse = function (text, reviver) {
          const value = parse.call(this, text, reviver);
          if (value && value.totals && Array.isArray(value.shifts)) window.__bench.documents++;
          return value;
        };
        const fetchOriginal = window.fetch;
        window.fetch = function (input, init) {
          if (String(input).includes('/api/coverage/stream')) window.__bench.connects++;
          return fetchOriginal.call(this, input, init);
        };
        """;

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly ICDPSession cdp;

    private BoardPage(IPlaywright playwright, IBrowser browser, IPage page, ICDPSession cdp)
    {
        (this.playwright, this.browser, Page, this.cdp) = (playwright, browser, page, cdp);
    }

    public IPage Page { get; }

    /// <summary>Opens /dashboard?conferenceId=…#token=… and waits until its cards are on screen.</summary>
    public static async Task<BoardPage> Open(Uri gateway, Guid conference, string viewerToken, int cards)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(Counters);
        await page.GotoAsync(new Uri(gateway, $"/dashboard?conferenceId={conference}#token={viewerToken}").ToString());
        await page.WaitForFunctionAsync($"document.querySelectorAll('.card').length >= {cards}", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        return new BoardPage(playwright, browser, page, cdp);
    }

    /// <summary>performance.measureUserAgentSpecificMemory needs a cross-origin-isolated page; the board is not one.</summary>
    public Task<bool> UserAgentMemoryAvailable() =>
        Page.EvaluateAsync<bool>("typeof performance.measureUserAgentSpecificMemory === 'function' && self.crossOriginIsolated === true");

    /// <summary>`minutes` is read once the metrics are in: on a starved machine the page may answer late.</summary>
    public async Task<PageSample> Sample(Func<double> minutes)
    {
        var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
        var counters = await Page.EvaluateAsync<JsonElement>("window.__bench");
        var renderers = Renderers.Find();
        var rss = renderers.Count == 0 ? default : renderers.MaxBy(r => r.RssKb);
        return new PageSample(
            minutes(), metrics["JSHeapUsedSize"] / Mb, metrics["JSHeapTotalSize"] / Mb, (long)metrics["Nodes"], (long)metrics["JSEventListeners"],
            rss.RssKb / 1024.0, rss.AnonKb / 1024.0, renderers.Count,
            counters.GetProperty("documents").GetInt64(), counters.GetProperty("connects").GetInt64(),
            counters.GetProperty("frames").GetInt64(), counters.GetProperty("longestTaskMs").GetDouble());
    }

    /// <summary>A major GC first (HeapProfiler.collectGarbage): what the page still holds, not what it has yet to collect.</summary>
    public async Task<PageSample> SampleAfterGc(Func<double> minutes)
    {
        await cdp.SendAsync("HeapProfiler.collectGarbage");
        return await Sample(minutes);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private const double Mb = 1024 * 1024;
}

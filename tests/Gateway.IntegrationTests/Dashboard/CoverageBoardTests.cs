using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using VolunteerOps.Testing;

namespace Gateway.IntegrationTests.Dashboard;

/// <summary>
/// The coverage board in a real browser (Debian's Chromium), served by the gateway, fed by the Shifts
/// service's coverage endpoints through it.
/// </summary>
public class CoverageBoardTests(GatewaySystem system, BoardBrowser browser) : IClassFixture<GatewaySystem>, IClassFixture<BoardBrowser>
{
    // Generous for a loaded CI machine; the board's real delay is measured by the coverage-lag benchmark.
    private const float LiveTimeoutMs = 10_000;

    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task The_board_shows_the_conference_and_a_claim_turns_its_card_from_red_to_amber_live()
    {
        var (conference, desk, swag) = await Scene();
        var page = await Open($"dashboard?conferenceId={conference}#token={Viewer()}");

        await Expect(page.Locator(".card")).ToHaveCountAsync(2);
        await Expect(Card(page, desk)).ToHaveAttributeAsync("data-status", "understaffed");
        await Expect(Card(page, swag)).ToHaveAttributeAsync("data-status", "understaffed");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Live");

        await Claim(desk);

        await Expect(Card(page, desk)).ToHaveAttributeAsync("data-status", "open", new() { Timeout = LiveTimeoutMs });
        await Expect(Card(page, desk)).ToContainTextAsync("1/2");
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "board.png"), FullPage = true });
    }

    [Fact]
    public async Task The_role_filter_shows_only_that_roles_shifts()
    {
        var (conference, desk, swag) = await Scene();
        var page = await Open($"dashboard?conferenceId={conference}#token={Viewer()}");
        await Expect(page.Locator(".card")).ToHaveCountAsync(2);

        await page.SelectOptionAsync("#role-filter", "swag-bags");

        await Expect(page.Locator(".card")).ToHaveCountAsync(1);
        await Expect(Card(page, swag)).ToBeVisibleAsync();
        await Expect(Card(page, desk)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task As_of_a_moment_before_a_claim_the_board_shows_the_card_as_it_was()
    {
        var (conference, desk, _) = await Scene();
        var beforeClaim = system.Shifts.Clock.GetUtcNow();
        system.Shifts.Clock.Advance(TimeSpan.FromMinutes(30));
        await Claim(desk);
        var page = await Open($"dashboard?conferenceId={conference}#token={Viewer()}");
        await Expect(Card(page, desk)).ToHaveAttributeAsync("data-status", "open", new() { Timeout = LiveTimeoutMs });

        await page.FillAsync("#as-of", beforeClaim.UtcDateTime.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));

        await Expect(Card(page, desk)).ToHaveAttributeAsync("data-status", "understaffed");
        await Expect(page.Locator("#status")).ToContainTextAsync("As of");
        await page.ClickAsync("#live");
        await Expect(Card(page, desk)).ToHaveAttributeAsync("data-status", "open");
    }

    [Fact]
    public async Task A_visit_without_a_token_is_asked_politely_for_one()
    {
        var (conference, _, _) = await Scene();
        var page = await Open($"dashboard?conferenceId={conference}");

        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await Expect(page.Locator("#sign-in")).ToContainTextAsync("viewer token");
        await Expect(page.Locator("#board")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_bad_token_is_refused_politely_and_forgotten()
    {
        var (conference, _, _) = await Scene();
        var page = await Open($"dashboard?conferenceId={conference}#token=not-a-token");

        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await Expect(page.Locator("#sign-in-reason")).ToContainTextAsync("not valid");
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('volunteerops.token')"));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static ILocator Card(IPage page, Guid shift) => page.Locator($".card[data-shift-id='{shift}']");

    private static string Viewer() => TestTokens.Mint("viewer-" + Guid.NewGuid().ToString("N")[..6], ["viewer"]);

    private async Task<IPage> Open(string path)
    {
        var context = await browser.Browser.NewContextAsync(new() { TimezoneId = "UTC", ViewportSize = new() { Width = 1600, Height = 900 } });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(system.GatewayUrl, path).ToString());
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        return page;
    }

    /// <summary>A conference with two empty shifts (each below its minimum) in two rooms and two roles.</summary>
    private async Task<(Guid Conference, Guid Desk, Guid Swag)> Scene()
    {
        using var coordinator = system.AsCoordinator();
        var conference = await GatewaySystem.CreateConference(coordinator);
        var desk = await GatewaySystem.ScheduleShift(coordinator, conference, capacity: 2, minimum: 1, location: "Hall A", title: "Registration desk");
        var swag = await GatewaySystem.ScheduleShift(coordinator, conference, capacity: 1, hour: 10, role: "swag-bags", location: "Hall B", title: "Swag bags");
        return (conference, desk, swag);
    }

    private async Task Claim(Guid shift)
    {
        using var coordinator = system.AsCoordinator();
        var volunteer = await system.RegisterVolunteer(coordinator);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/shifts/{shift}/claims", new { volunteerId = volunteer })).StatusCode);
    }
}

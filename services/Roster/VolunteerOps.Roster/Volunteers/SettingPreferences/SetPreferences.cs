using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Roster.Volunteers.SettingPreferences;

public sealed record PreferencesRequest(IReadOnlyList<string?>? Channels, string? WebhookUrl, IReadOnlyList<int>? ReminderLeadMinutes);

public static class SetPreferences
{
    public static readonly string[] Channels = ["inApp", "email", "webhook"];

    public static NotificationPreferencesSet Decide(Guid volunteerId, PreferencesRequest r, string by, DateTimeOffset now)
    {
        var channels = r.Channels ?? [];
        var leads = r.ReminderLeadMinutes ?? NotificationPreferences.Default.ReminderLeadMinutes;
        new Validation()
            .Check(channels.All(c => c is not null && Channels.Contains(c)), "channels", $"Each one of {string.Join(", ", Channels)}.")
            .Check(channels.Distinct().Count() == channels.Count, "channels", "No channel twice.")
            .Check(!channels.Contains("webhook") || IsHttpUrl(r.WebhookUrl), "webhookUrl", "An absolute http(s) URL is required for the webhook channel.")
            .Check(r.WebhookUrl is null || IsHttpUrl(r.WebhookUrl), "webhookUrl", "Must be an absolute http(s) URL of at most 500 characters.")
            .Check(leads.Count <= 5 && leads.All(m => m is >= 1 and <= 10080) && leads.Distinct().Count() == leads.Count,
                "reminderLeadMinutes", "At most 5 distinct values, each 1 to 10080 minutes.")
            .ThrowIfInvalid();
        return new NotificationPreferencesSet(volunteerId, [.. channels!], r.WebhookUrl, [.. leads.OrderDescending()], by, now);
    }

    public static void Map(IEndpointRouteBuilder volunteers) =>
        volunteers.MapPut("{id}/preferences", (Guid id, PreferencesRequest request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                var caller = http.Caller();
                caller.ActingFor(id);
                var set = Decide(id, request, caller.Subject, clock.GetUtcNow());
                return runner.Run(http, request, session =>
                    VolunteerChanges.Change(session, id, http.ExpectedVersion(), _ => [set], http.RequestAborted));
            })
            .RequireAuthorization(Policies.VolunteerOrCoordinator);

    private static bool IsHttpUrl(string? url) =>
        url is { Length: <= 500 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

namespace VolunteerOps.Roster.Volunteers;

/// <summary>The profile as its owner and coordinators see it, with the calendar feed address.</summary>
public sealed record VolunteerView(
    Guid Id, string Name, string Email, string? Phone, string? TshirtSize, NotificationPreferences Preferences,
    IReadOnlyList<string> Qualifications, bool Active, string? DeactivationReason, string CalendarFeedUrl, long Version)
{
    public static VolunteerView From(Volunteer v, long version) =>
        new(v.Id, v.Name, v.Email, v.Phone, v.TshirtSize, v.Preferences, v.Qualifications, v.Active, v.DeactivationReason,
            $"/api/volunteers/{v.Id}/schedule.ics?key={v.FeedKey}", version);
}

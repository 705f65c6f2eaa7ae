namespace VolunteerOps.Shifts.Conferences;

/// <summary>A conference and its role catalogue: the frame every shift is scheduled in.</summary>
public sealed record Conference(
    Guid Id,
    string Name,
    string TimeZone,
    DateOnly StartsOn,
    DateOnly EndsOn,
    IReadOnlyList<RoleDefinition> Roles,
    int ReleaseCutoffMinutes)
{
    public static Conference Create(ConferenceCreated e) =>
        new(e.ConferenceId, e.Name, e.TimeZone, e.StartsOn, e.EndsOn, e.Roles, e.ReleaseCutoffMinutes);

    public RoleDefinition? FindRole(string name) =>
        Roles.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The conference's days as instants: from its first midnight to the midnight after its last day, local time.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Window()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        return (LocalMidnight(StartsOn, zone), LocalMidnight(EndsOn.AddDays(1), zone));
    }

    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

public sealed record RoleDefinition(string Name, string? RequiredQualification);

public sealed record ConferenceCreated(
    Guid ConferenceId,
    string Name,
    string TimeZone,
    DateOnly StartsOn,
    DateOnly EndsOn,
    IReadOnlyList<RoleDefinition> Roles,
    int ReleaseCutoffMinutes,
    string CreatedBy,
    DateTimeOffset CreatedAt);

using VolunteerOps.Contracts.Shifts;

namespace Roster.IntegrationTests.Schedules;

/// <summary>
/// Builds one shift stream's integration events as the Shifts service would publish them: version 1 is
/// ShiftScheduledV1, and every message built afterwards takes the next version. Build first, publish in
/// any order.
/// </summary>
public sealed class ShiftFeed(Guid conferenceId, DateTimeOffset startsAt, TimeSpan length, string role = "registration-desk", string? title = null, string location = "Hall A")
{
    public Guid Id { get; } = Guid.CreateVersion7();

    public Guid ConferenceId { get; } = conferenceId;

    public string Role { get; } = role;

    public string Title { get; } = title ?? "Desk " + Guid.NewGuid().ToString("N")[..8];

    public string Location { get; } = location;

    public DateTimeOffset StartsAt { get; private set; } = startsAt;

    public DateTimeOffset EndsAt { get; private set; } = startsAt + length;

    /// <summary>The version of the last message built.</summary>
    public long Version { get; private set; }

    /// <summary>When the events "happened": long before the shift unless a message says otherwise.</summary>
    private DateTimeOffset Earlier => StartsAt.AddDays(-7);

    public ShiftScheduledV1 Scheduled(int capacity = 3, string? sessionRef = null)
    {
        Assert.Equal(0, Version);
        return new(Id, ++Version, ConferenceId, Role, Title, Location, StartsAt, EndsAt, capacity, capacity, sessionRef, "coordinator-test", Earlier);
    }

    public ShiftClaimedV1 Claimed(Guid volunteerId) => new(Id, ++Version, volunteerId, volunteerId.ToString(), Earlier, false);

    public ShiftReleasedV1 Released(Guid volunteerId, DateTimeOffset releasedAt) =>
        new(Id, ++Version, volunteerId, volunteerId.ToString(), releasedAt, false);

    public ShiftReassignedV1 Reassigned(Guid from, Guid to) => new(Id, ++Version, from, to, "swap", "coordinator-test", Earlier);

    public VolunteerCheckedInV1 CheckedIn(Guid volunteerId, DateTimeOffset checkedInAt) =>
        new(Id, ++Version, volunteerId, volunteerId.ToString(), checkedInAt);

    public VolunteerMarkedNoShowV1 NoShow(Guid volunteerId) => new(Id, ++Version, volunteerId, "coordinator-test", StartsAt.AddMinutes(30));

    public ShiftRescheduledV1 Rescheduled(DateTimeOffset newStart, TimeSpan newLength, string newLocation, string newTitle)
    {
        StartsAt = newStart;
        EndsAt = newStart + newLength;
        return new(Id, ++Version, StartsAt, EndsAt, newLocation, newTitle, "coordinator-test", Earlier);
    }

    public ShiftResizedV1 Resized(int capacity) => new(Id, ++Version, capacity, capacity, "coordinator-test", Earlier);

    public ShiftCancelledV1 Cancelled(params Guid[] releasedVolunteerIds) =>
        new(Id, ++Version, "rain", releasedVolunteerIds, "coordinator-test", Earlier);
}

namespace VolunteerOps.Notifications.Shifts;

/// <summary>What the notifications need to know of a shift, from the Shifts service's events (one stream, in order).</summary>
public sealed record WatchedShift
{
    public Guid Id { get; init; }
    public long AppliedVersion { get; init; }
    public Guid ConferenceId { get; init; }
    public string Role { get; init; } = "";
    public string Title { get; init; } = "";
    public string Location { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public int Capacity { get; init; }
    public int Minimum { get; init; }
    public IReadOnlyList<Guid> Holders { get; init; } = [];
    public bool Cancelled { get; init; }

    public bool Understaffed => !Cancelled && Holders.Count < Minimum;

    public WatchedShift Without(Guid volunteerId) => this with { Holders = [.. Holders.Where(h => h != volunteerId)] };

    public WatchedShift With(Guid volunteerId) => Holders.Contains(volunteerId) ? this : this with { Holders = [.. Holders, volunteerId] };
}

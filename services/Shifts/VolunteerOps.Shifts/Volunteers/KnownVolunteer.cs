namespace VolunteerOps.Shifts.Volunteers;

/// <summary>
/// The Shifts service's local view of a volunteer, built from Roster events: enough to decide eligibility
/// inside a claim's transaction without asking another service.
/// </summary>
public sealed record KnownVolunteer
{
    public Guid Id { get; init; }
    public bool Active { get; init; } = true;
    public IReadOnlyList<string> Qualifications { get; init; } = [];

    /// <summary>The last volunteer-stream version applied here.</summary>
    public long AppliedVersion { get; init; }

    public bool Has(string qualification) => Qualifications.Contains(qualification, StringComparer.OrdinalIgnoreCase);
}

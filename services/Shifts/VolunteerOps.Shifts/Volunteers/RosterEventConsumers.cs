using Marten;
using VolunteerOps.Contracts;
using VolunteerOps.Contracts.Roster;
using VolunteerOps.Messaging.Consuming;

namespace VolunteerOps.Shifts.Volunteers;

/// <summary>Keeps <see cref="KnownVolunteer"/> in step with the Roster, one volunteer stream in order.</summary>
public abstract class RosterEventConsumer<T>(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<T>(store, clock)
    where T : class, IStreamMessage
{
    protected override async Task Handle(T message, IDocumentSession session, CancellationToken ct)
    {
        var known = await session.LoadAsync<KnownVolunteer>(message.StreamId, ct);
        if (IsNext(known?.AppliedVersion ?? 0, message))
        {
            session.Store(Apply(message, known ?? new KnownVolunteer { Id = message.StreamId }) with { AppliedVersion = message.Version });
        }
    }

    protected abstract KnownVolunteer Apply(T message, KnownVolunteer volunteer);
}

public sealed class VolunteerRegisteredConsumer(IDocumentStore store, TimeProvider clock) : RosterEventConsumer<VolunteerRegisteredV1>(store, clock)
{
    protected override KnownVolunteer Apply(VolunteerRegisteredV1 message, KnownVolunteer volunteer) => volunteer with { Active = true };
}

public sealed class NotificationPreferencesSetConsumer(IDocumentStore store, TimeProvider clock) : RosterEventConsumer<NotificationPreferencesSetV1>(store, clock)
{
    protected override KnownVolunteer Apply(NotificationPreferencesSetV1 message, KnownVolunteer volunteer) => volunteer;
}

public sealed class QualificationGrantedConsumer(IDocumentStore store, TimeProvider clock) : RosterEventConsumer<QualificationGrantedV1>(store, clock)
{
    protected override KnownVolunteer Apply(QualificationGrantedV1 message, KnownVolunteer volunteer) =>
        volunteer.Has(message.Qualification) ? volunteer : volunteer with { Qualifications = [.. volunteer.Qualifications, message.Qualification] };
}

public sealed class QualificationRevokedConsumer(IDocumentStore store, TimeProvider clock) : RosterEventConsumer<QualificationRevokedV1>(store, clock)
{
    protected override KnownVolunteer Apply(QualificationRevokedV1 message, KnownVolunteer volunteer) =>
        volunteer with { Qualifications = [.. volunteer.Qualifications.Where(q => !string.Equals(q, message.Qualification, StringComparison.OrdinalIgnoreCase))] };
}

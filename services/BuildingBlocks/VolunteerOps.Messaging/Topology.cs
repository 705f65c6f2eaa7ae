using MassTransit;
using VolunteerOps.Contracts.Roster;
using VolunteerOps.Contracts.Shifts;

namespace VolunteerOps.Messaging;

/// <summary>
/// Every queue of the system and the messages bound to it. Each service declares all of it before it
/// publishes anything: a message published to an exchange no queue is bound to yet is silently dropped,
/// so a consumer that has never started would otherwise miss everything published before it did.
/// </summary>
public static class Topology
{
    public static readonly Type[] ShiftMessages =
    [
        typeof(ShiftScheduledV1), typeof(ShiftClaimedV1), typeof(ShiftReleasedV1), typeof(ShiftReassignedV1),
        typeof(VolunteerCheckedInV1), typeof(VolunteerMarkedNoShowV1), typeof(ShiftRescheduledV1),
        typeof(ShiftResizedV1), typeof(ShiftCancelledV1),
    ];

    public static readonly Type[] RosterMessages =
    [
        typeof(VolunteerRegisteredV1), typeof(NotificationPreferencesSetV1), typeof(QualificationGrantedV1),
        typeof(QualificationRevokedV1), typeof(VolunteerDeactivatedV1),
    ];

    /// <summary>Queue name to the messages it receives. One queue per consuming service and source.</summary>
    public static readonly IReadOnlyDictionary<string, Type[]> Queues = new Dictionary<string, Type[]>
    {
        [RosterShiftEvents] = ShiftMessages,
        [ShiftsRosterEvents] = RosterMessages,
        [NotificationsShiftEvents] = ShiftMessages,
        [NotificationsRosterEvents] = RosterMessages,
    };

    public const string RosterShiftEvents = "roster-shift-events";
    public const string ShiftsRosterEvents = "shifts-roster-events";
    public const string NotificationsShiftEvents = "notifications-shift-events";
    public const string NotificationsRosterEvents = "notifications-roster-events";

    /// <summary>The exchange MassTransit publishes a message type to (pinned by [EntityName]).</summary>
    public static string ExchangeOf(Type messageType) =>
        messageType.GetCustomAttributes(typeof(EntityNameAttribute), false).OfType<EntityNameAttribute>().Single().EntityName;
}

using Marten;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Scheduling;

namespace VolunteerOps.Notifications;

/// <summary>What every consumer of this service needs, in one constructor argument.</summary>
public sealed record ConsumerServices(IDocumentStore Store, TimeProvider Clock, Notifier Notifier, AlarmPlanner Planner);

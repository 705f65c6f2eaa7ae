using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Notifications.Inbox;

/// <summary>Whose inbox a caller sees: a volunteer their own; a coordinator their own and the desk's, or any volunteer's they name.</summary>
public static class InboxAccess
{
    public static IReadOnlyList<string> Readable(Caller caller, Guid? volunteerId)
    {
        if (volunteerId is { } named)
        {
            return [Recipients.Of(caller.ActingFor(named))];
        }

        if (caller.IsCoordinator)
        {
            return [caller.Subject, Recipients.Coordinators];
        }

        return [Recipients.Of(caller.ActingFor(null))];
    }

    /// <summary>Marking read is for the inbox's owner (the desk's inbox belongs to every coordinator).</summary>
    public static bool CanMarkRead(Caller caller, Notification n) =>
        n.Recipient == caller.Subject || (caller.IsCoordinator && n.Recipient == Recipients.Coordinators);
}

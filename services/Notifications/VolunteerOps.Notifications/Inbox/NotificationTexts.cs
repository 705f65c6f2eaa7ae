using System.Globalization;
using VolunteerOps.Notifications.Shifts;

namespace VolunteerOps.Notifications.Inbox;

/// <summary>The words of each notification kind: short enough for a phone's lock screen, complete enough for email.</summary>
public static class NotificationTexts
{
    public const string ReleasedBySystemPrefix = "system:";

    public static NotificationText ClaimConfirmed(WatchedShift s) =>
        new($"You're on: {s.Title}", $"You have a seat as {s.Role} on \"{s.Title}\", {When(s)} at {s.Location}. Thank you!");

    public static NotificationText ClaimReleased(WatchedShift s, Guid volunteerId, string releasedBy) => new(
        $"Released: {s.Title}",
        Guid.TryParse(releasedBy, out var by) && by == volunteerId ? $"You released your seat on \"{s.Title}\", {When(s)}. Someone else can take it now."
        : releasedBy.StartsWith(ReleasedBySystemPrefix, StringComparison.Ordinal) ? $"Your seat on \"{s.Title}\", {When(s)}, was released because your volunteer account was deactivated."
        : $"A coordinator released you from \"{s.Title}\", {When(s)}. You are no longer expected there.");

    public static NotificationText ReassignedAway(WatchedShift s, string? reason) => new(
        $"Reassigned: {s.Title}",
        $"A coordinator gave your seat on \"{s.Title}\", {When(s)}, to another volunteer.{Reason(reason)} You are no longer expected there.");

    public static NotificationText ReassignedTo(WatchedShift s, string? reason) => new(
        $"You're on: {s.Title}",
        $"A coordinator assigned you as {s.Role} on \"{s.Title}\", {When(s)} at {s.Location}.{Reason(reason)}");

    public static NotificationText Rescheduled(WatchedShift before, WatchedShift after) => new(
        $"Changed: {after.Title}",
        $"\"{before.Title}\" ({When(before)} at {before.Location}) is now {When(after)} at {after.Location}. You still hold your seat.");

    public static NotificationText Cancelled(WatchedShift s, string reason) => new(
        $"Cancelled: {s.Title}",
        $"\"{s.Title}\", {When(s)}, was cancelled.{Reason(reason)} Your seat is released; nothing else to do.");

    public static NotificationText Deactivated(string reason) => new(
        "Your volunteer account was deactivated",
        $"A coordinator deactivated your volunteer account.{Reason(reason)} Your upcoming shifts have been released.");

    public static NotificationText Reminder(WatchedShift s, int leadMinutes) => new(
        $"Reminder: {s.Title} in {Lead(leadMinutes)}",
        $"You are {s.Role} on \"{s.Title}\", {When(s)} at {s.Location}. If you cannot make it, release your seat now so someone else can take it.");

    public static NotificationText Understaffed(WatchedShift s) => new(
        $"Needs people: {s.Title}",
        $"\"{s.Title}\" ({s.Role}) at {s.Location}, {When(s)}, has {s.Holders.Count} of the {s.Minimum} volunteers it needs at least.");

    private static string When(WatchedShift s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.StartsAt.UtcDateTime:ddd d MMM HH:mm}–{s.EndsAt.UtcDateTime:HH:mm} UTC");

    private static string Lead(int minutes) => minutes switch
    {
        _ when minutes % 1440 == 0 => Plural(minutes / 1440, "day"),
        _ when minutes % 60 == 0 => Plural(minutes / 60, "hour"),
        _ => Plural(minutes, "minute"),
    };

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";

    private static string Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : $" Reason: {reason}.";
}

public sealed record NotificationText(string Title, string Body);

using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Microsoft.AspNetCore.Authentication;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Marten;
using VolunteerOps.Roster.Volunteers;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Roster.Schedules.GettingSchedule;

public sealed record ScheduleView(Guid VolunteerId, IReadOnlyList<ScheduleEntry> Shifts, double TotalHours, double CheckedInHours);

public static class GetSchedule
{
    public static ScheduleView View(Guid volunteerId, VolunteerSchedule? schedule)
    {
        var shifts = (schedule?.Shifts ?? []).OrderBy(s => s.StartsAt).ToList();
        return new ScheduleView(volunteerId, shifts,
            Math.Round(shifts.Sum(s => (s.EndsAt - s.StartsAt).TotalHours), 2),
            Math.Round(shifts.Where(s => s.CheckedInAt is not null).Sum(s => (s.EndsAt - s.StartsAt).TotalHours), 2));
    }

    public static string ToICalendar(Volunteer volunteer, ScheduleView schedule)
    {
        var calendar = new Calendar { ProductId = "-//VolunteerOps//Schedule//EN" };
        calendar.AddProperty("X-WR-CALNAME", $"VolunteerOps: {volunteer.Name}");
        foreach (var shift in schedule.Shifts)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{shift.ShiftId}@volunteerops",
                Summary = shift.Title,
                Location = shift.Location,
                Description = $"Role: {shift.Role}",
                Start = new CalDateTime(shift.StartsAt.UtcDateTime, "UTC"),
                End = new CalDateTime(shift.EndsAt.UtcDateTime, "UTC"),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    public static void Map(IEndpointRouteBuilder volunteers)
    {
        volunteers.MapGet("{id}/schedule", async (Guid id, HttpContext http, IQuerySession session) =>
            {
                http.Caller().ActingFor(id);
                return Results.Ok(View(id, await session.LoadAsync<VolunteerSchedule>(id, http.RequestAborted)));
            })
            .RequireAuthorization(Policies.VolunteerOrCoordinator);

        // Calendar apps cannot send a bearer token: the per-volunteer feed key in the URL stands in for it.
        volunteers.MapGet("{id}/schedule.ics", async (Guid id, string? key, HttpContext http, IQuerySession session) =>
            {
                var volunteer = await session.LoadAsync<Volunteer>(id, http.RequestAborted) ?? throw ProblemException.NotFound($"No volunteer {id}.");
                if (!(key is not null && KeysMatch(key, volunteer.FeedKey)))
                {
                    var authenticated = await http.AuthenticateAsync();
                    if (!authenticated.Succeeded)
                    {
                        return Results.Problem(statusCode: 401, title: "A token or the feed key is required.");
                    }

                    Caller.From(authenticated.Principal).ActingFor(id);
                }

                var schedule = View(id, await session.LoadAsync<VolunteerSchedule>(id, http.RequestAborted));
                return Results.Text(ToICalendar(volunteer, schedule), "text/calendar; charset=utf-8");
            })
            .AllowAnonymous();
    }

    private static bool KeysMatch(string given, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(actual));
}

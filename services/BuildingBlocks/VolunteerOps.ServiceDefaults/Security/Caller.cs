using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using VolunteerOps.ServiceDefaults.Problems;

namespace VolunteerOps.ServiceDefaults.Security;

/// <summary>Who is calling, from the validated token.</summary>
public sealed record Caller(string Subject, bool IsCoordinator, bool IsVolunteer)
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(SubjectClaim) ?? throw ProblemException.Forbidden("The token has no subject."),
        user.IsInRole(Roles.Coordinator),
        user.IsInRole(Roles.Volunteer));

    /// <summary>A volunteer's subject is their volunteer id; other callers may not have one.</summary>
    public Guid? VolunteerId => IsVolunteer && Guid.TryParse(Subject, out var id) ? id : null;

    /// <summary>
    /// The volunteer an act is for: coordinators act for anyone, volunteers only for themselves.
    /// A volunteer who names nobody acts for themself.
    /// </summary>
    public Guid ActingFor(Guid? requested)
    {
        if (IsCoordinator && requested is { } anyone)
        {
            return anyone;
        }

        if (VolunteerId is { } self && (requested is null || requested == self))
        {
            return self;
        }

        if (IsCoordinator)
        {
            throw ProblemException.Validation(new Dictionary<string, string[]>
            {
                ["volunteerId"] = ["Coordinators must name the volunteer."],
            });
        }

        throw ProblemException.Forbidden("A volunteer may act only for themself.");
    }
}

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext http) => Security.Caller.From(http.User);
}

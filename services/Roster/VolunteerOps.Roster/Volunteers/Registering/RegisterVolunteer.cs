using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Marten;
using VolunteerOps.EventSourcing;
using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Roster.Volunteers.Registering;

public sealed record RegisterVolunteerRequest(string? Name, string? Email, string? Phone, string? TshirtSize, Guid? Id);

public static partial class RegisterVolunteer
{
    public static readonly string[] TshirtSizes = ["XS", "S", "M", "L", "XL", "XXL", "3XL"];

    public static void Validate(RegisterVolunteerRequest r) =>
        new Validation()
            .Text(r.Name, "name", 1, 200)
            .Check(IsEmail(r.Email), "email", "Must be a valid email address.")
            .Check(r.Phone is null || E164().IsMatch(r.Phone), "phone", "Must be in E.164 form, such as +14155550123.")
            .Check(r.TshirtSize is null || TshirtSizes.Contains(r.TshirtSize), "tshirtSize", $"One of {string.Join(", ", TshirtSizes)}.")
            .Check(r.Id != Guid.Empty, "id", "Must not be the nil GUID.")
            .ThrowIfInvalid();

    public static VolunteerRegistered Decide(RegisterVolunteerRequest r, Guid id, string by, DateTimeOffset now) =>
        new(id, r.Name!.Trim(), r.Email!.Trim().ToLowerInvariant(), r.Phone, r.TshirtSize, NewFeedKey(), by, now);

    public static void Map(IEndpointRouteBuilder volunteers) =>
        volunteers.MapPost("", (RegisterVolunteerRequest request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                Validate(request);
                var caller = http.Caller();
                // Volunteers register themselves under their token's subject; coordinators register anyone.
                var id = caller.IsCoordinator ? request.Id ?? Guid.CreateVersion7() : caller.ActingFor(request.Id);
                return runner.Run(http, request, async session =>
                {
                    if (await session.LoadAsync<Volunteer>(id, http.RequestAborted) is not null)
                    {
                        throw new DomainRefusal("already-registered", "This volunteer is already registered.", $"Volunteer {id} exists.");
                    }

                    // Emails are stored lower-case; the unique index is the last line of defence against a race.
                    var email = request.Email!.Trim().ToLowerInvariant();
                    if (await session.Query<Volunteer>().AnyAsync(v => v.Email == email, http.RequestAborted))
                    {
                        throw new DomainRefusal("duplicate-email", "A volunteer with this email is already registered.");
                    }

                    var registered = Decide(request, id, caller.Subject, clock.GetUtcNow());
                    session.Events.StartStream<Volunteer>(id, registered);
                    return CommandResponse.Created(VolunteerView.From(Volunteer.Create(registered), 1), $"/api/volunteers/{id}", 1);
                });
            })
            .RequireAuthorization(Policies.VolunteerOrCoordinator);

    private static bool IsEmail(string? email) =>
        email is { Length: >= 3 and <= 254 } && MailAddress.TryCreate(email.Trim(), out var parsed) && parsed.Address == email.Trim() && email.Contains('.', StringComparison.Ordinal);

    private static string NewFeedKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex E164();
}

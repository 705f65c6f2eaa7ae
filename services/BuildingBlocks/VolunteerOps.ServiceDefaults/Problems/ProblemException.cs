namespace VolunteerOps.ServiceDefaults.Problems;

/// <summary>
/// Thrown where a request cannot go on and the answer is a known problem (a refused rule, a stale
/// version, a forbidden act). The exception handler turns it into problem details; nothing is written.
/// </summary>
public class ProblemException(int status, string slug, string title, string? detail = null) : Exception(detail ?? title)
{
    public int Status { get; } = status;
    public string Slug { get; } = slug;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;

    /// <summary>Extra members of the problem document (e.g. the conflicting shift).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    /// <summary>Field name to messages, for 400 validation failures.</summary>
    public IDictionary<string, string[]>? Errors { get; init; }

    public static ProblemException Validation(IDictionary<string, string[]> errors) =>
        new(400, "validation", "The request is invalid.", "One or more fields are invalid.") { Errors = errors };

    public static ProblemException Forbidden(string detail) => new(403, "forbidden", "Not allowed.", detail);

    public static ProblemException NotFound(string what) => new(404, "not-found", "Not found.", what);
}

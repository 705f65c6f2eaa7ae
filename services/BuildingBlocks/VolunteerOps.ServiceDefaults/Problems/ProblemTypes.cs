namespace VolunteerOps.ServiceDefaults.Problems;

/// <summary>Stable problem type URIs: clients switch on the slug, so never rename one.</summary>
public static class ProblemTypes
{
    public const string BaseUri = "https://volunteerops.dev/problems/";

    public static string For(string slug) => BaseUri + slug;

    /// <summary>The slug of one of our type URIs (a metric tag: a bounded set of values).</summary>
    public static string SlugOf(string? type) =>
        type is not null && type.StartsWith(BaseUri, StringComparison.Ordinal) ? type[BaseUri.Length..] : "other";

    /// <summary>The slug used when nothing more specific than the status is known.</summary>
    public static string SlugForStatus(int status) => status switch
    {
        400 => "invalid-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        406 => "not-acceptable",
        408 => "request-timeout",
        409 => "conflict",
        411 => "length-required",
        412 => "precondition-failed",
        413 => "payload-too-large",
        415 => "unsupported-media-type",
        422 => "unprocessable",
        429 => "rate-limited",
        431 => "headers-too-large",
        503 => "service-unavailable",
        _ when status >= 500 => "internal-error",
        _ => "error",
    };
}

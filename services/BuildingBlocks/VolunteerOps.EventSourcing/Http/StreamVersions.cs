using System.Globalization;
using Microsoft.AspNetCore.Http;
using VolunteerOps.ServiceDefaults.Problems;

namespace VolunteerOps.EventSourcing.Http;

/// <summary>ETag is the stream version; If-Match carries the version a client last saw.</summary>
public static class StreamVersions
{
    public static string ToETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version in If-Match, null when absent or "*". Anything else malformed is a 400.</summary>
    public static long? ExpectedVersion(this HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (long.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw new ProblemException(400, "invalid-if-match", "If-Match must be an ETag this API returned, such as \"3\".");
    }

    /// <summary>Refuses with 412 when the client saw another version than the stream has now.</summary>
    public static void EnsureVersion(long? expected, long actual)
    {
        if (expected is { } e && e != actual)
        {
            throw new ProblemException(412, "stale-version", "The resource has changed since you read it.",
                $"You sent version {e}; the current version is {actual}. Read it again and retry.");
        }
    }
}

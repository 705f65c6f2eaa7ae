using VolunteerOps.ServiceDefaults.Problems;

namespace VolunteerOps.ServiceDefaults.Json;

/// <summary>Times in query strings follow the same rule as in bodies: ISO-8601 with an offset, or a 400.</summary>
public static class QueryTimes
{
    public static DateTimeOffset? Parse(string? text, string parameter)
    {
        if (text is null)
        {
            return null;
        }

        return StrictDateTimeOffsetConverter.TryParse(text, out var value)
            ? value.ToUniversalTime()
            : throw ProblemException.Validation(new Dictionary<string, string[]>
            {
                [parameter] = ["Must be an ISO-8601 time with an offset, such as 2027-05-14T10:00:00Z."],
            });
    }
}

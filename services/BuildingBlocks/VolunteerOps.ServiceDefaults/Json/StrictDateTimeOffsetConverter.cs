using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VolunteerOps.ServiceDefaults.Json;

/// <summary>
/// Accepts only ISO-8601 times with an explicit offset ("Z" or "+02:00"). A time without one would be
/// read in the server's zone, which silently moves shifts by hours. Values are kept in UTC from here on:
/// PostgreSQL's timestamptz stores instants, and Npgsql refuses other offsets.
/// </summary>
public sealed partial class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var value))
        {
            return value.ToUniversalTime();
        }

        throw new JsonException("Expected an ISO-8601 time with an offset.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture).Replace("+00:00", "Z", StringComparison.Ordinal));

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && IsoWithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>yyyy-MM-ddTHH:mm[:ss[.fffffff]] then Z or ±HH:mm; nothing before, nothing after.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IsoWithOffset();
}

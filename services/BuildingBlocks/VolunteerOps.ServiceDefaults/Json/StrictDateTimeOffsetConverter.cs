using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VolunteerOps.ServiceDefaults.Json;

/// <summary>
/// Accepts only ISO-8601 times with an explicit offset ("Z" or "+02:00"). A time without one would be
/// read in the server's zone, which silently moves shifts by hours. Values are kept in UTC from here on:
/// PostgreSQL's timestamptz stores instants, and Npgsql refuses other offsets.
/// </summary>
public sealed class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
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
        if (string.IsNullOrEmpty(text) || text.Length > 40 || !HasOffset(text))
        {
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool HasOffset(string text)
    {
        var timeStart = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (timeStart < 0)
        {
            return false;
        }

        var time = text.AsSpan(timeStart);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') > 0;
    }
}

using System.Text.Json;
using VolunteerOps.ServiceDefaults.Json;

namespace Shifts.UnitTests;

public class StrictDateTimeOffsetConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new StrictDateTimeOffsetConverter() } };

    private static DateTimeOffset Read(string text) => JsonSerializer.Deserialize<DateTimeOffset>(JsonSerializer.Serialize(text), Options);

    [Theory]
    [InlineData("2027-05-14T16:00:00")]
    [InlineData("2027-05-14T16:00:00.123")]
    public void A_time_without_an_offset_is_rejected(string text)
    {
        Assert.ThrowsAny<JsonException>(() => Read(text));
    }

    [Fact]
    public void A_date_without_a_time_is_rejected()
    {
        Assert.ThrowsAny<JsonException>(() => Read("2027-05-14"));
    }

    [Fact]
    public void A_date_without_a_time_after_a_weekday_name_is_rejected()
    {
        Assert.ThrowsAny<JsonException>(() => Read("Tue 2027-05-11"));
    }

    [Fact]
    public void A_time_without_an_offset_after_a_weekday_name_is_rejected()
    {
        Assert.ThrowsAny<JsonException>(() => Read("Thu 2027-05-13 16:00"));
    }

    [Fact]
    public void A_time_in_Z_is_read_as_that_UTC_instant()
    {
        var value = Read("2027-05-14T16:00:00Z");

        Assert.Equal(new DateTimeOffset(2027, 5, 14, 16, 0, 0, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void A_time_with_a_plus_two_hour_offset_is_read_and_returned_in_UTC()
    {
        var value = Read("2027-05-14T18:00:00+02:00");

        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(new DateTime(2027, 5, 14, 16, 0, 0, DateTimeKind.Unspecified), value.DateTime);
    }

    [Fact]
    public void A_time_with_a_negative_offset_is_read_and_returned_in_UTC()
    {
        var value = Read("2027-05-14T09:00:00-07:00");

        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(new DateTime(2027, 5, 14, 16, 0, 0, DateTimeKind.Unspecified), value.DateTime);
    }

    [Fact]
    public void A_number_is_rejected()
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>("1810310400", Options));
    }
}

using VolunteerOps.Notifications;

namespace Notifications.UnitTests;

public class DeterministicIdTests
{
    private static readonly Guid Volunteer = Guid.Parse("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa");

    [Fact]
    public void The_same_parts_give_the_same_id()
    {
        Assert.Equal(DeterministicId.From("shift-reminder", Volunteer, 3L), DeterministicId.From("shift-reminder", Volunteer, 3L));
    }

    [Fact]
    public void Different_parts_give_different_ids()
    {
        var id = DeterministicId.From("shift-reminder", Volunteer, 3L);

        Assert.NotEqual(id, DeterministicId.From("shift-reminder", Volunteer, 4L));
        Assert.NotEqual(id, DeterministicId.From("claim-released", Volunteer, 3L));
    }

    [Fact]
    public void The_order_of_the_parts_matters()
    {
        Assert.NotEqual(DeterministicId.From("a", "b"), DeterministicId.From("b", "a"));
    }

    [Fact]
    public void The_id_is_an_rfc_9562_version_8_guid()
    {
        var id = DeterministicId.From("shift-reminder", Volunteer, 3L);
        var bytes = id.ToByteArray(bigEndian: true);

        Assert.Equal(8, id.Version);
        Assert.Equal(0x80, bytes[6] & 0xF0);
        Assert.Equal(0x80, bytes[8] & 0xC0);
        Assert.Equal('8', id.ToString()[14]);
        Assert.Contains(id.ToString()[19], "89ab");
    }

    [Fact]
    public void The_id_is_the_sha256_of_the_parts_joined_by_a_bar_with_version_and_variant_set()
    {
        // Computed outside .NET: first 16 bytes of SHA-256("x|1"), byte 6 high nibble 8, byte 8 top bits 10.
        Assert.Equal(Guid.Parse("12b2dcf3-67df-8b4a-9e77-6d5727ccc2f0"), DeterministicId.From("x", 1));
    }
}

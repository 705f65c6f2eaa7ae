using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;

namespace Shifts.UnitTests;

public class StreamVersionsTests
{
    [Fact]
    public void EnsureVersion_with_a_stale_version_is_refused_with_412_stale_version()
    {
        var problem = Assert.ThrowsAny<ProblemException>(() => StreamVersions.EnsureVersion(3, 4));

        Assert.Equal(412, problem.Status);
        Assert.Equal("stale-version", problem.Slug);
    }

    [Theory]
    [InlineData(4L)]
    [InlineData(null)]
    public void EnsureVersion_accepts_the_current_version_or_none(long? expected)
    {
        StreamVersions.EnsureVersion(expected, 4);
    }
}

using Deploy.Tests.Manifests;

namespace Deploy.Tests;

public sealed class ImagePinningTests
{
    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_image_has_an_explicit_tag_that_is_not_latest(string build)
    {
        // After the build's images: entries. "latest" (or no tag, which means it) runs whatever the tag
        // points at when a pod happens to be (re)scheduled: two replicas of one Deployment can differ.
        var images = Builds.Get(build).Objects.Images().ToList();
        var wrong = images.Where(i => i.Image is null || Workloads.ParseImage(i.Image).Tag is null or "" or "latest")
            .Select(i => $"{i.Owner.Kind}/{i.Owner.Name} {i.Where}: '{i.Image}'");

        Assert.Contains(images, i => i.Owner.Kind == "Cluster");
        Assert.Contains(images, i => i.Owner.Kind == "RabbitmqCluster");
        Assert.Empty(wrong);
    }

    [Fact]
    public void Image_tags_are_read_from_after_the_last_slash()
    {
        Assert.Equal(("registry:5000/team/app", null, null), Workloads.ParseImage("registry:5000/team/app"));
        Assert.Equal(("registry:5000/team/app", "1.2", "sha256:ab"), Workloads.ParseImage("registry:5000/team/app:1.2@sha256:ab"));
        Assert.Equal(("rabbitmq", "3.13.7-management", null), Workloads.ParseImage("rabbitmq:3.13.7-management"));
    }
}

using System.Text.RegularExpressions;
using Deploy.Tests.Manifests;
using Deploy.Tests.Yaml;

namespace Deploy.Tests;

/// <summary>docker-compose.yml at the repository root, when there is one.</summary>
public sealed partial class DockerComposeTests
{
    private static readonly string ComposeFile = Path.Combine(RepositoryRoot.Path, "docker-compose.yml");

    [Fact]
    public void Compose_file_is_well_formed_and_every_dependency_is_a_service_and_no_image_defaults_to_latest()
    {
        if (!File.Exists(ComposeFile))
        {
            Assert.Skip("No docker-compose.yml at the repository root yet; nothing to check.");
        }

        var compose = YamlFiles.OnlyDocument(ComposeFile);
        var services = compose["services"]?.AsObject() ?? throw new Xunit.Sdk.XunitException("docker-compose.yml has no services.");
        var wrong = new List<string>();
        foreach (var (name, service) in services)
        {
            // depends_on is a list of names or a mapping of name to condition.
            var dependsOn = service?["depends_on"] switch
            {
                System.Text.Json.Nodes.JsonArray list => list.Select(n => n.Text()).OfType<string>(),
                System.Text.Json.Nodes.JsonObject map => map.Select(kv => kv.Key),
                _ => [],
            };
            wrong.AddRange(dependsOn.Where(d => !services.ContainsKey(d)).Select(d => $"{name}: depends_on {d}, which is no service"));

            if (service?["image"].Text() is { } image && ImageWithDefaults(image) is { } resolved
                && Workloads.ParseImage(resolved).Tag is null or "" or "latest")
            {
                wrong.Add($"{name}: image '{image}' is '{resolved}' with the variables' defaults");
            }
        }

        Assert.NotEmpty(services);
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("volunteerops/shifts:${TAG:-0.7.0}", "volunteerops/shifts:0.7.0")]
    [InlineData("volunteerops/shifts:${TAG-0.7.0}", "volunteerops/shifts:0.7.0")]
    [InlineData("volunteerops/shifts:${TAG}", "volunteerops/shifts:")]
    [InlineData("volunteerops/shifts:${TAG:?set TAG}", null)]
    [InlineData("${REGISTRY:-docker.io}/rabbitmq:3.13", "docker.io/rabbitmq:3.13")]
    public void Image_variables_are_read_with_their_defaults(string image, string? expected)
    {
        Assert.Equal(expected, ImageWithDefaults(image));
    }

    /// <summary>The image a `docker compose up` with no variables set would use; null when a variable is required (":?").</summary>
    private static string? ImageWithDefaults(string image)
    {
        if (RequiredVariable().IsMatch(image))
        {
            return null;
        }

        return Variable().Replace(image, m => m.Groups["default"].Success ? m.Groups["default"].Value : "");
    }

    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*:?\?[^}]*\}")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-(?<default>[^}]*))?\}|\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Variable();
}

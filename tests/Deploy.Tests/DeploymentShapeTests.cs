using Deploy.Tests.Manifests;

namespace Deploy.Tests;

/// <summary>What every Deployment of every build must have: sizes, probes, a locked-down pod, scrape annotations.</summary>
public sealed class DeploymentShapeTests
{
    private const string Port = "8080";

    private static readonly string[] ResourceFields = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_container_has_cpu_and_memory_requests_and_limits(string build)
    {
        var missing = from c in Containers.OfDeployments(Builds.Get(build).Objects)
                      from field in ResourceFields
                      let parts = field.Split('.')
                      where c.Container["resources"]?[parts[0]]?[parts[1]].Text() is null
                      select $"{c.Deployment.Name}: {field}";

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_service_is_probed_on_alive_for_liveness_and_start_up_and_on_health_for_readiness_at_8080(string build)
    {
        var wrong = new List<string>();
        foreach (var (deployment, _, container) in Containers.OfDeployments(Builds.Get(build).Objects))
        {
            // The gateway is ready when it runs, not when every service behind it is (see the next test).
            var readiness = deployment.Name == "gateway" ? "/alive" : "/health";
            foreach (var (probe, path) in new[] { ("livenessProbe", "/alive"), ("startupProbe", "/alive"), ("readinessProbe", readiness) })
            {
                var node = container[probe];
                if (node?["httpGet"]?["path"].Text() != path || Containers.ProbePort(container, node) != Port)
                {
                    wrong.Add($"{deployment.Name}: {probe} should be GET {path} on port {Port}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Gateway_readiness_does_not_depend_on_the_services_behind_it(string build)
    {
        // The gateway's /health reports every service's health. As its readiness, one service down would
        // pull every gateway replica out of its Service, and the whole API would go with it.
        var gateway = Containers.OfDeployments(Builds.Get(build).Objects).Single(c => c.Deployment.Name == "gateway");

        Assert.Equal("/alive", gateway.Container["readinessProbe"]?["httpGet"]?["path"].Text());
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_pod_runs_as_non_root_without_capabilities_on_a_read_only_root_with_a_writable_tmp(string build)
    {
        var wrong = new List<string>();
        foreach (var (deployment, pod, container) in Containers.OfDeployments(Builds.Get(build).Objects))
        {
            var security = container["securityContext"];
            if (security?["runAsNonRoot"].Text() != "true" && pod["securityContext"]?["runAsNonRoot"].Text() != "true")
            {
                wrong.Add($"{deployment.Name}: runAsNonRoot");
            }

            if (security?["allowPrivilegeEscalation"].Text() != "false")
            {
                wrong.Add($"{deployment.Name}: allowPrivilegeEscalation false");
            }

            if (!(security?["capabilities"]?["drop"].Texts().Contains("ALL") ?? false))
            {
                wrong.Add($"{deployment.Name}: drop ALL capabilities");
            }

            if (security?["readOnlyRootFilesystem"].Text() != "true")
            {
                wrong.Add($"{deployment.Name}: readOnlyRootFilesystem");
            }

            var tmp = container["volumeMounts"].Objects().FirstOrDefault(m => m["mountPath"].Text() == "/tmp")?["name"].Text();
            if (!pod["volumes"].Objects().Any(v => v["name"].Text() == tmp && v["emptyDir"] is not null))
            {
                wrong.Add($"{deployment.Name}: an emptyDir on /tmp (the root is read-only)");
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_pod_is_scraped_by_prometheus_on_its_port_at_metrics(string build)
    {
        var wrong = new List<string>();
        foreach (var (deployment, _, container) in Containers.OfDeployments(Builds.Get(build).Objects))
        {
            var annotations = deployment.Doc["spec"]?["template"]?["metadata"]?["annotations"].TextMap() ?? [];
            var ports = container["ports"].Objects().Select(p => p["containerPort"].Text()).ToList();
            if (annotations.GetValueOrDefault("prometheus.io/scrape") != "true"
                || !ports.Contains(annotations.GetValueOrDefault("prometheus.io/port"))
                || annotations.GetValueOrDefault("prometheus.io/path") != "/metrics")
            {
                wrong.Add(deployment.Name!);
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_deployment_selects_its_own_pod_template(string build)
    {
        var wrong = Builds.Get(build).Objects.OfKind("Deployment")
            .Where(d => !Containers.Selects(d.Doc["spec"]?["selector"]?["matchLabels"].TextMap() ?? [], d.PodLabels()))
            .Select(d => d.Name);

        Assert.Empty(wrong);
    }
}

using Deploy.Tests.Manifests;

namespace Deploy.Tests;

/// <summary>Traffic finds its pods: Services select Deployments' pods at a port they open, and so on up to the Ingress.</summary>
public sealed class ServiceRoutingTests
{
    private static readonly string[] InternalEndpoints = ["/metrics", "/health", "/alive"];

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_service_selects_the_pods_of_a_deployment_at_a_port_they_open(string build)
    {
        var objects = Builds.Get(build).Objects;
        var wrong = new List<string>();
        foreach (var service in objects.OfKind("Service"))
        {
            var selector = service.Doc["spec"]?["selector"].TextMap() ?? [];
            var pods = Containers.OfDeployments(objects).Where(c => Containers.Selects(selector, c.Deployment.PodLabels())).ToList();
            if (pods.Count == 0)
            {
                wrong.Add($"{service.Name}: selects no Deployment's pods");
                continue;
            }

            foreach (var port in service.Doc["spec"]?["ports"].Objects() ?? [])
            {
                var target = port["targetPort"].Text() ?? port["port"].Text();
                if (!pods.Any(p => p.Container["ports"].Objects().Any(cp => cp["name"].Text() == target || cp["containerPort"].Text() == target)))
                {
                    wrong.Add($"{service.Name}: targetPort {target} is no port of the pods it selects");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void No_service_sends_traffic_to_a_worker(string build)
    {
        var objects = Builds.Get(build).Objects;
        var workers = objects.OfKind("Deployment").Where(d => d.Name!.EndsWith("-worker", StringComparison.Ordinal)).ToList();

        var wrong = from s in objects.OfKind("Service")
                    from w in workers
                    where Containers.Selects(s.Doc["spec"]?["selector"].TextMap() ?? [], w.PodLabels())
                    select $"{s.Name} -> {w.Name}";

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Gateway_forwards_each_cluster_to_a_service_of_api_pods_at_its_port(string build)
    {
        var objects = Builds.Get(build).Objects;
        var destinations = objects.OfKind("ConfigMap").Single(c => c.Name == "gateway-config").Doc["data"].TextMap()
            .Where(kv => kv.Key.StartsWith("ReverseProxy__Clusters__", StringComparison.Ordinal) && kv.Key.EndsWith("__Address", StringComparison.Ordinal))
            .ToList();
        var wrong = new List<string>();
        foreach (var (key, address) in destinations)
        {
            var uri = new Uri(address!);
            var service = objects.OfKind("Service").FirstOrDefault(s => s.Name == uri.Host);
            var selector = service?.Doc["spec"]?["selector"].TextMap() ?? [];
            if (service is null || !service.Doc["spec"]!["ports"].Objects().Any(p => p["port"].Text() == uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                wrong.Add($"{key}: no Service {uri.Host} with port {uri.Port}");
            }
            else if (!objects.OfKind("Deployment").Any(d => d.Name!.EndsWith("-api", StringComparison.Ordinal) && Containers.Selects(selector, d.PodLabels())))
            {
                wrong.Add($"{key}: Service {uri.Host} selects no api Deployment");
            }
        }

        Assert.Equal(["notifications", "roster", "shifts"], destinations.Select(d => d.Key.Split("__")[2]).Order(StringComparer.Ordinal));
        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_ingress_backend_is_a_port_of_an_existing_service(string build)
    {
        var objects = Builds.Get(build).Objects;
        var wrong = new List<string>();
        foreach (var ingress in objects.OfKind("Ingress"))
        {
            var backends = from rule in ingress.Doc["spec"]?["rules"].Objects() ?? []
                           from path in rule["http"]?["paths"].Objects() ?? []
                           select path["backend"]?["service"];
            foreach (var backend in backends)
            {
                var name = backend?["port"]?["name"].Text();
                var number = backend?["port"]?["number"].Text();
                var service = objects.OfKind("Service").FirstOrDefault(s => s.Name == backend?["name"].Text());
                var ports = service?.Doc["spec"]?["ports"].Objects() ?? [];
                if (!ports.Any(p => (name is not null && p["name"].Text() == name) || (number is not null && p["port"].Text() == number)))
                {
                    wrong.Add($"{ingress.Name}: {backend?["name"].Text()} port {name ?? number}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void No_ingress_path_reaches_metrics_or_health(string build)
    {
        // /metrics is anonymous for the in-cluster scraper and /health names the services' addresses:
        // an Ingress path "/" (or any prefix of them) would publish both.
        var exposed = from ingress in Builds.Get(build).Objects.OfKind("Ingress")
                      from rule in ingress.Doc["spec"]?["rules"].Objects() ?? []
                      from path in rule["http"]?["paths"].Objects() ?? []
                      let p = path["path"].Text() ?? "/"
                      from endpoint in InternalEndpoints
                      where PathMatches(p, path["pathType"].Text(), endpoint)
                      select $"{ingress.Name}: {p} reaches {endpoint}";

        Assert.Empty(exposed);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Api_replicas_hold_no_broker_credentials(string build)
    {
        // Only the worker connects to RabbitMQ; an HTTP replica that held the password would only widen
        // what a compromised replica could do.
        var holding = Containers.OfDeployments(Builds.Get(build).Objects)
            .Where(c => !c.Deployment.Name!.EndsWith("-worker", StringComparison.Ordinal))
            .Where(c => c.Container["env"].Objects().Any(e => e["valueFrom"]?["secretKeyRef"]?["name"].Text() == "volunteerops-rabbitmq-user")
                || c.Container.Env("ConnectionStrings__RabbitMq").Found)
            .Select(c => c.Deployment.Name);

        Assert.Empty(holding);
    }

    /// <summary>Kubernetes' Prefix matches whole path segments ("/api" matches "/api/x", not "/apix"); Exact matches only itself.</summary>
    private static bool PathMatches(string path, string? pathType, string request) =>
        pathType == "Exact"
            ? path == request
            : path == "/" || request == path.TrimEnd('/') || request.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal);
}

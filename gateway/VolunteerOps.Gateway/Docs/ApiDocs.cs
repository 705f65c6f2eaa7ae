using Scalar.AspNetCore;

namespace VolunteerOps.Gateway.Docs;

/// <summary>
/// /docs: one page for the whole API. Each service serves its own OpenAPI document; the gateway routes
/// /openapi/{service}.json to it, and Scalar shows them side by side.
/// </summary>
public static class ApiDocs
{
    public static readonly string[] Services = ["shifts", "roster", "notifications"];

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapScalarApiReference("/docs", o =>
        {
            o.WithTitle("VolunteerOps API");
            // "Try it" sends requests to the gateway (where the page came from), not to the services' own addresses.
            o.WithDynamicBaseServerUrl();
            foreach (var service in Services)
            {
                o.AddDocument(service, char.ToUpperInvariant(service[0]) + service[1..], $"/openapi/{service}.json");
            }
        }).AllowAnonymous();
        return app;
    }
}

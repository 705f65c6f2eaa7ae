using VolunteerOps.Gateway.Dashboard;
using VolunteerOps.Gateway.Docs;
using VolunteerOps.Gateway.Health;
using VolunteerOps.Gateway.Proxying;
using VolunteerOps.Gateway.RateLimiting;
using VolunteerOps.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddHeaderLimits();
builder.Services.AddGatewayRateLimits(builder.Configuration);
builder.Services.AddGatewayTimeouts(builder.Configuration);
builder.Services.AddHttpClient(ServicesHealthCheck.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(3));
builder.Services.AddHealthChecks().AddCheck<ServicesHealthCheck>("services");
// Routes, clusters and destinations come from configuration ("ReverseProxy"); any of it can be overridden
// by environment variables, e.g. ReverseProxy__Clusters__shifts__Destinations__primary__Address.
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.UseHeaderLimits();
app.UseBufferedBodies();
app.UseDashboardFiles();
app.UseServiceDefaults();
app.UseRateLimiter();
app.UseRequestTimeouts();
app.MapApiDocs();
app.MapDashboard();
app.MapReverseProxy(proxy => proxy.Use(ProxyErrors.AnswerUnavailable));
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;

using VolunteerOps.EventSourcing.Storage;
using VolunteerOps.Roster;
using VolunteerOps.Roster.Demo;
using VolunteerOps.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRosterEventStore();
builder.AddRosterMessaging();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapRosterEndpoints();
await app.SeedDemoVolunteersIfAsked();
return await app.RunOrExecuteCommand(args);

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;

using VolunteerOps.EventSourcing.Storage;
using VolunteerOps.ServiceDefaults;
using VolunteerOps.Shifts;
using VolunteerOps.Shifts.Demo;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddShiftsEventStore();
builder.AddShiftsMessaging();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapShiftsEndpoints();
await app.SeedDemoConferenceIfAsked();
return await app.RunOrExecuteCommand(args);

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;

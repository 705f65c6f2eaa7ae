using VolunteerOps.EventSourcing.Storage;
using VolunteerOps.Notifications;
using VolunteerOps.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotificationsStore();
builder.AddNotificationsMessaging();
builder.AddNotificationsWork();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapNotificationsEndpoints();
return await app.RunOrExecuteCommand(args);

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;

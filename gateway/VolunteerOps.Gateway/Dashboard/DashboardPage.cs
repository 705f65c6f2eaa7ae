namespace VolunteerOps.Gateway.Dashboard;

/// <summary>
/// /dashboard: the coverage board, static files (wwwroot/dashboard) with no build step. The page itself is
/// public; the data behind it needs a token (a viewer's is enough), which the page asks for once.
/// </summary>
public static class DashboardPage
{
    /// <summary>Before authorization: the board's script and styles are public, like the page.</summary>
    public static WebApplication UseDashboardFiles(this WebApplication app)
    {
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGet("/dashboard", (IWebHostEnvironment env) =>
                Results.Stream(env.WebRootFileProvider.GetFileInfo("dashboard/index.html").CreateReadStream(), "text/html; charset=utf-8"))
            .AllowAnonymous();
        return app;
    }
}

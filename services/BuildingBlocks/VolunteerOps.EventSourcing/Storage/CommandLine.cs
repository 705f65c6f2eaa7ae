using JasperFx;
using Microsoft.AspNetCore.Builder;

namespace VolunteerOps.EventSourcing.Storage;

public static class CommandLine
{
    /// <summary>
    /// Serves, or with a command word first runs Marten's command line instead, e.g.
    /// <c>dotnet VolunteerOps.Shifts.dll projections rebuild</c> (rebuild projections from the stored events) or
    /// <c>db-assert</c>. Hosting flags alone (<c>--urls</c>, <c>--contentRoot</c>) mean "serve", as they always did.
    /// </summary>
    public static async Task<int> RunOrExecuteCommand(this WebApplication app, string[] args)
    {
        if (args is [var command, ..] && !command.StartsWith('-'))
        {
            return await app.RunJasperFxCommands(args);
        }

        await app.RunAsync();
        return 0;
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;
using VolunteerOps.ServiceDefaults.Problems;

namespace VolunteerOps.EventSourcing.Storage;

/// <summary>
/// PostgreSQL down or unreachable: 503 with Retry-After. Nothing was acknowledged, so the client's
/// retry (with its Idempotency-Key) is safe.
/// </summary>
internal sealed partial class DependencyFailureHandler(IProblemDetailsService problems, ILogger<DependencyFailureHandler> logger)
    : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDependencyFailure(exception))
        {
            return false;
        }

        LogUnavailable(logger, exception);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = 503,
                Type = ProblemTypes.For("service-unavailable"),
                Title = "A dependency is unavailable. Retry shortly.",
            },
        });
    }

    internal static bool IsDependencyFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException
                || e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" })
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(LogLevel.Warning, "Answering 503: the event store is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}

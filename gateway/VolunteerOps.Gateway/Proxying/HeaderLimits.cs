using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace VolunteerOps.Gateway.Proxying;

/// <summary>
/// Oversized headers and URLs get problem details like every other refusal. Kestrel's own limits (which
/// answer with an empty body) are set above these, so this check is the one clients normally meet.
/// </summary>
public static class HeaderLimits
{
    public const int MaxHeaderBytes = 16 * 1024;
    public const int MaxUrlBytes = 4 * 1024;

    public static IServiceCollection AddHeaderLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestHeadersTotalSize = 4 * MaxHeaderBytes;
            o.Limits.MaxRequestLineSize = 4 * MaxUrlBytes;
        });

    public static IApplicationBuilder UseHeaderLimits(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var url = http.Request.Path.Value?.Length + http.Request.QueryString.Value?.Length;
            if (url > MaxUrlBytes)
            {
                await ProblemResponses.Write(http, StatusCodes.Status414UriTooLong, "uri-too-long", "The URL is too long.",
                    $"At most {MaxUrlBytes} bytes of path and query.");
                return;
            }

            var headers = http.Request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v?.Length ?? 0));
            if (headers > MaxHeaderBytes)
            {
                await ProblemResponses.Write(http, StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers-too-large",
                    "The request headers are too large.", $"At most {MaxHeaderBytes} bytes of headers.");
                return;
            }

            await next(http);
        });
}

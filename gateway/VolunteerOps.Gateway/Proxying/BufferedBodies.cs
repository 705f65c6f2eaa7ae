using VolunteerOps.ServiceDefaults;

namespace VolunteerOps.Gateway.Proxying;

/// <summary>
/// A body sent without a length (chunked) is read whole, up to the limit, before anything is forwarded.
/// Otherwise the limit would cut it off mid-forward: the service might already have acted on the request
/// (one that ignores its body acts at once) while the client is told it failed. Bodies are small here
/// (64 KiB at most), so holding one in memory costs little.
/// </summary>
public static class BufferedBodies
{
    public static IApplicationBuilder UseBufferedBodies(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.ContentLength is null && http.Request.Headers.TransferEncoding.Count > 0)
            {
                var body = new MemoryStream();
                if (!await ReadWithinLimit(http, body))
                {
                    await ProblemResponses.Write(http, StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.",
                        $"At most {ServiceDefaultsExtensions.MaxRequestBodyBytes / 1024} KiB.");
                    return;
                }

                body.Position = 0;
                http.Request.Body = body;
                http.Request.ContentLength = body.Length;
                http.Request.Headers.TransferEncoding = default;
            }

            await next(http);
        });

    /// <summary>False once the body passes the limit (ours, or Kestrel's, which throws when it is reached).</summary>
    private static async Task<bool> ReadWithinLimit(HttpContext http, MemoryStream body)
    {
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (body.Length + read > ServiceDefaultsExtensions.MaxRequestBodyBytes)
                {
                    return false;
                }

                body.Write(chunk, 0, read);
            }

            return true;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return false;
        }
    }
}

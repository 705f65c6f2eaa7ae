using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.EventSourcing.Storage;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Telemetry;

namespace VolunteerOps.EventSourcing.Commands;

/// <summary>
/// Runs a write: one session, one transaction, retried from scratch when another writer won a race,
/// and honouring Idempotency-Key (the same key and request answer the first answer, with no second effect).
/// </summary>
public sealed class CommandRunner(IDocumentStore store, IOptions<JsonOptions> jsonOptions, TimeProvider clock)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxAttempts = 12;

    private static readonly Counter<long> ConcurrencyRetries =
        VolunteerOpsTelemetry.Meter.CreateCounter<long>("volunteerops.commands.concurrency_retries");

    private readonly JsonSerializerOptions json = jsonOptions.Value.SerializerOptions;

    public async Task<IResult> Run(HttpContext http, object? request, Func<IDocumentSession, Task<CommandResponse>> command)
    {
        var key = IdempotencyKey(http, request);
        var ct = http.RequestAborted;
        for (var attempt = 1; ; attempt++)
        {
            if (key is not null && await FindStored(key.Value.Id, ct) is { } stored)
            {
                return Replay(stored, key.Value.Fingerprint);
            }

            try
            {
                await using var session = store.LightweightSession().CarryingTraceContext();
                var response = await command(session);
                var bodyJson = response.Body is null ? null : JsonSerializer.Serialize(response.Body, response.Body.GetType(), json);
                if (key is { } k)
                {
                    session.Insert(new IdempotentResponse
                    {
                        Id = k.Id,
                        Fingerprint = k.Fingerprint,
                        StatusCode = response.StatusCode,
                        BodyJson = bodyJson,
                        Location = response.Location,
                        Version = response.Version,
                        StoredAt = clock.GetUtcNow(),
                    });
                }

                await session.SaveChangesAsync(ct);
                return new StoredResult(response.StatusCode, bodyJson, response.Location, response.Version);
            }
            catch (Exception e) when (attempt < MaxAttempts && ConcurrencyConflicts.IsRetryable(e))
            {
                ConcurrencyRetries.Add(1);
                // Spread the retries of a crowd so they do not collide again in lockstep.
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
            catch (Exception e) when (ConcurrencyConflicts.IsRetryable(e))
            {
                throw new ProblemException(409, "concurrency-conflict", "Too many concurrent changes; retry the request.");
            }
        }
    }

    private async Task<IdempotentResponse?> FindStored(string id, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return await query.LoadAsync<IdempotentResponse>(id, ct);
    }

    private static StoredResult Replay(IdempotentResponse stored, string fingerprint)
    {
        if (stored.Fingerprint != fingerprint)
        {
            throw new ProblemException(422, "idempotency-key-reused", "This Idempotency-Key was used for a different request.",
                "Use a new key for a new request.");
        }

        return new StoredResult(stored.StatusCode, stored.BodyJson, stored.Location, stored.Version);
    }

    /// <summary>The key is per caller: two people may pick the same key without seeing each other's answers.</summary>
    private (string Id, string Fingerprint)? IdempotencyKey(HttpContext http, object? request)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length == 0)
        {
            return null;
        }

        if (key.Length > 200 || key.Any(c => c < 0x21 || c > 0x7e))
        {
            throw new ProblemException(400, "invalid-idempotency-key", "Idempotency-Key must be 1 to 200 printable ASCII characters.");
        }

        var subject = http.User.FindFirst("sub")?.Value ?? "";
        var requestJson = request is null ? "" : JsonSerializer.Serialize(request, request.GetType(), json);
        return (Hash($"{subject}\n{key}"), Hash($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n{requestJson}"));
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed class StoredResult(int status, string? bodyJson, string? location, long? version) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            if (location is not null)
            {
                response.Headers.Location = location;
            }

            if (version is { } v)
            {
                response.Headers.ETag = StreamVersions.ToETag(v);
            }

            if (bodyJson is not null)
            {
                response.ContentType = "application/json; charset=utf-8";
                await response.WriteAsync(bodyJson, httpContext.RequestAborted);
            }
        }
    }
}

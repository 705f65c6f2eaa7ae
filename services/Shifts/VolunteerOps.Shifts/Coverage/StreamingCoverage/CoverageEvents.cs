using System.Text.Json;

namespace VolunteerOps.Shifts.Coverage.StreamingCoverage;

/// <summary>
/// Writes "coverage" events to one stream. The id is the conference's change number. A read that finds neither
/// a new change nor a different document (a wake after the listener reconnected, a quiet refresh) sends nothing;
/// a change that leaves the numbers as they were (a reassignment) is still sent, so every change is answered.
/// </summary>
internal sealed class CoverageEvents(HttpResponse response, CoverageRequest request, JsonSerializerOptions json)
{
    private long? lastChange;
    private string? lastContent;

    public async Task SendIfChanged(ConferenceShifts shifts, DateTimeOffset now, CancellationToken ct)
    {
        var document = CoverageAggregation.Build(request, shifts.Shifts, now);
        // Compared without generatedAt, which is new every time.
        var content = JsonSerializer.Serialize(document with { GeneratedAt = default }, json);
        if (shifts.ChangeNumber == lastChange && content == lastContent)
        {
            return;
        }

        (lastChange, lastContent) = (shifts.ChangeNumber, content);
        var data = JsonSerializer.Serialize(document, json);
        await response.WriteAsync($"id: {shifts.ChangeNumber}\nevent: coverage\ndata: {data}\n\n", ct);
        await response.Body.FlushAsync(ct);
    }
}

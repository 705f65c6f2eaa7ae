using VolunteerOps.ServiceDefaults.Problems;

namespace VolunteerOps.EventSourcing;

/// <summary>A business rule refused a command (409 by default, 422 when the input names something unusable).</summary>
public sealed class DomainRefusal(string slug, string title, string? detail = null, int status = 409)
    : ProblemException(status, slug, title, detail)
{
    public DomainRefusal With(string key, object? value)
    {
        Extensions[key] = value;
        return this;
    }
}

namespace VolunteerOps.EventSourcing.Commands;

/// <summary>What a command answers: status, body, and optionally where the resource is and its new version.</summary>
public sealed record CommandResponse(int StatusCode, object? Body, string? Location = null, long? Version = null)
{
    public static CommandResponse Created(object body, string location, long version) => new(201, body, location, version);

    public static CommandResponse Ok(object body, long? version = null) => new(200, body, null, version);

    public static CommandResponse NoContent(long? version = null) => new(204, null, null, version);
}

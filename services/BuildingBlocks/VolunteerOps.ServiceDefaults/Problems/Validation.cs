namespace VolunteerOps.ServiceDefaults.Problems;

/// <summary>Collects field errors and throws one 400 problem listing all of them.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public Validation Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    public Validation Check(bool ok, string field, string message) => ok ? this : Add(field, message);

    public Validation Required<T>(T? value, string field) => Check(value is not null, field, "Required.");

    public Validation Text(string? value, string field, int min, int max, bool required = true)
    {
        if (value is null)
        {
            return required ? Add(field, "Required.") : this;
        }

        var length = value.Trim().Length;
        return Check(length >= min && length <= max, field, $"Must be {min} to {max} characters.");
    }

    public Validation Range(int? value, string field, int min, int max, bool required = true)
    {
        if (value is null)
        {
            return required ? Add(field, "Required.") : this;
        }

        return Check(value >= min && value <= max, field, $"Must be between {min} and {max}.");
    }

    public bool HasErrors => errors.Count > 0;

    public void ThrowIfInvalid()
    {
        if (HasErrors)
        {
            throw ProblemException.Validation(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}

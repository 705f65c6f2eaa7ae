using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace VolunteerOps.ServiceDefaults.Json;

public static class JsonSetup
{
    /// <summary>camelCase names, enums as camelCase strings, and times that must carry an offset.</summary>
    public static IServiceCollection AddVolunteerOpsJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => Apply(o.SerializerOptions));

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new StrictDateTimeOffsetConverter());
        options.MaxDepth = 32;
    }
}

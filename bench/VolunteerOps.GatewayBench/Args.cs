namespace VolunteerOps.GatewayBench;

internal static class Args
{
    private static readonly string[] Required = ["shifts", "roster", "gateway", "postgres", "shifts-schema", "signing-key", "repo"];

    /// <summary>"--name value" pairs; every required one present.</summary>
    public static Dictionary<string, string> Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        var missing = Required.Where(r => !values.ContainsKey(r)).ToList();
        return missing.Count == 0 ? values : throw new ArgumentException("missing: --" + string.Join(", --", missing));
    }
}

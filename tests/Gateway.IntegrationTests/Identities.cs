using System.Text;
using System.Text.Json;
using VolunteerOps.ServiceDefaults.Security;
using VolunteerOps.Testing;

namespace Gateway.IntegrationTests;

/// <summary>Who calls, in the authorization matrix: the legitimate roles, and the tokens that must count for nothing.</summary>
public enum Identity
{
    Anonymous,
    VolunteerSelf,
    VolunteerOther,
    Coordinator,
    Viewer,
    ExpiredToken,
    ForeignKeyToken,
    AlgNoneToken,
}

/// <summary>
/// Tokens a client could forge or keep too long. They carry every role and a well-formed subject, so a
/// 401 can only mean the token itself was refused (not that a role was missing).
/// </summary>
public static class BadTokens
{
    public static readonly string[] AllRoles = [Roles.Volunteer, Roles.Coordinator];

    /// <summary>Another key of the right length (HS256 wants 32+ bytes): a token minted by someone who does not hold ours.</summary>
    public const string ForeignSigningKey = "not-the-volunteerops-key-but-long-enough-0123456789";

    /// <summary>Signed with the right key, but it expired an hour ago: far beyond the 30 s clock skew.</summary>
    public static string Expired(string subject) =>
        DevTokens.Mint(TestTokens.SigningKey, subject, AllRoles, TimeSpan.FromHours(1), DateTimeOffset.UtcNow.AddHours(-2));

    public static string SignedWithForeignKey(string subject) =>
        DevTokens.Mint(ForeignSigningKey, subject, AllRoles, TimeSpan.FromHours(1));

    /// <summary>
    /// The classic "alg: none" forgery, built by hand: a valid header and payload (issuer, audience, expiry all
    /// right) and an empty signature. Only the algorithm pin stands between this and full access.
    /// </summary>
    public static string AlgNone(string subject)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new { alg = "none", typ = "JWT" };
        var payload = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["role"] = AllRoles,
            ["iss"] = DevTokens.Issuer,
            ["aud"] = DevTokens.Audience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
        };
        return $"{Base64Url(header)}.{Base64Url(payload)}.";
    }

    private static string Base64Url(object value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

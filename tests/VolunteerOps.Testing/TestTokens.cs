using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Testing;

public static class TestTokens
{
    public const string SigningKey = "volunteerops-tests-signing-key-0123456789abcdef";

    /// <summary>Tokens are signed against real time: the fake clock only drives the domain.</summary>
    public static string Mint(string subject, params string[] roles) =>
        DevTokens.Mint(SigningKey, subject, roles, TimeSpan.FromHours(1));
}

using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VolunteerOps.ServiceDefaults.Security;

/// <summary>Mints development tokens (HS256 with Auth:SigningKey), as the API contract describes.</summary>
public static class DevTokens
{
    public const string Issuer = "volunteerops-dev";
    public const string Audience = "volunteerops";

    public static string Mint(string signingKey, string subject, IEnumerable<string> roles, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        var issuedAt = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        var claims = new List<Claim> { new(Caller.SubjectClaim, subject) };
        claims.AddRange(roles.Select(r => new Claim(Caller.RoleClaim, r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}

using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace VolunteerOps.ServiceDefaults.Security;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer: an OIDC authority in production (Auth:Authority), or HS256 tokens signed with
    /// Auth:SigningKey in development and tests. Every endpoint needs a token unless it says otherwise.
    /// During a key rotation Auth:PreviousSigningKey is accepted too, so tokens minted before the switch
    /// stay valid until they expire (docs/operations.md).
    /// </summary>
    public static IHostApplicationBuilder AddVolunteerOpsAuthentication(this IHostApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Auth");
        var authority = auth["Authority"];
        var signingKey = auth["SigningKey"];
        var previousKey = auth["PreviousSigningKey"];
        if (string.IsNullOrEmpty(authority) && !IsStrongEnough(signingKey))
        {
            throw new InvalidOperationException("Configure Auth:Authority, or Auth:SigningKey with at least 32 bytes.");
        }

        if (!string.IsNullOrEmpty(previousKey) && !IsStrongEnough(previousKey))
        {
            throw new InvalidOperationException("Auth:PreviousSigningKey must have at least 32 bytes.");
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.Audience = auth["Audience"] ?? DevTokens.Audience;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = Caller.SubjectClaim,
                RoleClaimType = Caller.RoleClaim,
                ValidAudience = auth["Audience"] ?? DevTokens.Audience,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (string.IsNullOrEmpty(authority))
            {
                // With an authority, the issuer and keys come from its discovery document instead.
                o.TokenValidationParameters.ValidIssuer = auth["Issuer"] ?? DevTokens.Issuer;
                o.TokenValidationParameters.IssuerSigningKeys = new[] { signingKey, previousKey }
                    .Where(k => !string.IsNullOrEmpty(k))
                    .Select(k => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(k!)))
                    .ToArray();
                // Pin the algorithm: refuses "alg: none" and any algorithm confusion.
                o.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
            else
            {
                o.Authority = authority;
            }
        });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Coordinator, p => p.RequireRole(Roles.Coordinator))
            .AddPolicy(Policies.VolunteerOrCoordinator, p => p.RequireRole(Roles.Volunteer, Roles.Coordinator))
            .AddPolicy(Policies.Reader, p => p.RequireRole(Roles.Volunteer, Roles.Coordinator, Roles.Viewer));
        return builder;
    }

    private static bool IsStrongEnough(string? key) => key is not null && Encoding.UTF8.GetByteCount(key) >= 32;
}

public static class Roles
{
    public const string Volunteer = "volunteer";
    public const string Coordinator = "coordinator";
    public const string Viewer = "viewer";
}

public static class Policies
{
    public const string Coordinator = "coordinator";
    public const string VolunteerOrCoordinator = "volunteer-or-coordinator";
    public const string Reader = "reader";
}

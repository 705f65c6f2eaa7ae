using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace VolunteerOps.ServiceDefaults;

/// <summary>
/// Behind the gateway (or a load balancer in front of it) the client's address and scheme arrive in
/// X-Forwarded-For and X-Forwarded-Proto. They are believed only from loopback and from the networks in
/// ForwardedHeaders:KnownNetworks (CIDR, e.g. the container network), since anyone can send the headers.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static IServiceCollection ConfigureForwardedHeaders(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
}

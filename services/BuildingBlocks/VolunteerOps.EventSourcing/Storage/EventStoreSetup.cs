using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using VolunteerOps.EventSourcing.Commands;
using Weasel.Core;

namespace VolunteerOps.EventSourcing.Storage;

public static class EventStoreSetup
{
    /// <summary>
    /// Marten with the house defaults: one shared connection pool, a schema per service, camelCase
    /// JSON with enums as strings, event metadata on, lightweight sessions.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddVolunteerOpsEventStore(
        this IHostApplicationBuilder builder, string defaultSchema, Action<StoreOptions> configure)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");
        var schema = builder.Configuration["EventStore:Schema"] ?? defaultSchema;

        // One pool per process: every DocumentStore opening its own exhausts PostgreSQL's connections.
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CommandRunner>();
        builder.Services.AddExceptionHandler<DependencyFailureHandler>();

        return builder.Services.AddMarten(opts =>
            {
                opts.Connection(dataSource);
                opts.DatabaseSchemaName = schema;
                opts.Events.DatabaseSchemaName = schema;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                opts.Events.MetadataConfig.CorrelationIdEnabled = true;
                opts.Events.MetadataConfig.CausationIdEnabled = true;
                opts.Events.MetadataConfig.HeadersEnabled = true;
                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                // Infrastructure runs on real time (the daemon's polling and gap detection); only the
                // domain reads the injected TimeProvider, which tests replace with a fake clock.
                opts.Events.TimeProvider = TimeProvider.System;
                // Publishing lag is set by the daemon's polling (defaults give about 1 s); see docs/benchmarks.md.
                opts.Projections.FastPollingTime = TimeSpan.FromMilliseconds(20);
                opts.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(50);
                opts.Projections.StaleSequenceThreshold = TimeSpan.FromMilliseconds(500);
                opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                opts.Schema.For<IdempotentResponse>();
                configure(opts);
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
    }
}

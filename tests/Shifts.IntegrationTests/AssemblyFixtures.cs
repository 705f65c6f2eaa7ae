using VolunteerOps.Testing;

[assembly: AssemblyFixture(typeof(PostgresFixture))]

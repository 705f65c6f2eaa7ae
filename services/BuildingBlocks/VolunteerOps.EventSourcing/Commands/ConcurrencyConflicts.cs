using JasperFx;
using JasperFx.Events;
using Npgsql;

namespace VolunteerOps.EventSourcing.Commands;

/// <summary>Failures that mean "someone else wrote first": the whole command is safe to run again.</summary>
internal static class ConcurrencyConflicts
{
    public static bool IsRetryable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ConcurrencyException:
                // Two first commands of the same new stream race to create it (Marten throws its own type).
                case ExistingStreamIdCollisionException:
                case Marten.Exceptions.ExistingStreamIdCollisionException:
                // The same Idempotency-Key committed by a concurrent request: the retry replays its answer.
                case DocumentAlreadyExistsException:
                case PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation }:
                    return true;
            }
        }

        return false;
    }
}

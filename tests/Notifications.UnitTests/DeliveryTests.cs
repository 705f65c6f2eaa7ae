using VolunteerOps.Notifications;
using VolunteerOps.Notifications.Deliveries;

namespace Notifications.UnitTests;

public class DeliveryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryOptions Options = new() { FirstRetryAfter = TimeSpan.FromSeconds(5), MaxAttempts = 4 };

    private static Delivery New() => new()
    {
        Id = Guid.Parse("dddddddd-dddd-dddd-dddd-dddddddddddd"),
        Recipient = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa",
        Channel = "webhook",
        Target = "https://example.test/hook",
        Status = DeliveryStatus.Pending,
        CreatedAt = T0,
        NextAttemptAt = T0,
    };

    [Fact]
    public void Failed_attempts_wait_5_then_10_then_20_seconds_and_the_fourth_fails_the_delivery()
    {
        var first = New().FailedAttempt(T0, "500", Options);
        var second = first.FailedAttempt(T0.AddSeconds(5), "500", Options);
        var third = second.FailedAttempt(T0.AddSeconds(15), "timeout", Options);
        var fourth = third.FailedAttempt(T0.AddSeconds(35), "500", Options);

        Assert.Equal((DeliveryStatus.Pending, 1, T0.AddSeconds(5)), (first.Status, first.AttemptsInRound, first.NextAttemptAt));
        Assert.Equal((DeliveryStatus.Pending, 2, T0.AddSeconds(15)), (second.Status, second.AttemptsInRound, second.NextAttemptAt));
        Assert.Equal((DeliveryStatus.Pending, 3, T0.AddSeconds(35)), (third.Status, third.AttemptsInRound, third.NextAttemptAt));
        Assert.Equal((DeliveryStatus.Failed, 4), (fourth.Status, fourth.AttemptsInRound));
        Assert.Null(fourth.DeliveredAt);
    }

    [Fact]
    public void Every_attempt_is_logged_in_order_with_its_number_time_outcome_and_detail()
    {
        var delivery = New()
            .FailedAttempt(T0, "HTTP 500", Options)
            .FailedAttempt(T0.AddSeconds(5), "timeout", Options)
            .Succeeded(T0.AddSeconds(15), "HTTP 204");

        Assert.Equal(
            [
                new DeliveryAttempt(1, T0, false, "HTTP 500"),
                new DeliveryAttempt(2, T0.AddSeconds(5), false, "timeout"),
                new DeliveryAttempt(3, T0.AddSeconds(15), true, "HTTP 204"),
            ],
            delivery.Attempts);
    }

    [Fact]
    public void Success_marks_the_delivery_delivered_at_the_attempt_time()
    {
        var delivery = New().FailedAttempt(T0, "HTTP 500", Options).Succeeded(T0.AddSeconds(5), "HTTP 200");

        Assert.Equal((DeliveryStatus.Delivered, (DateTimeOffset?)T0.AddSeconds(5), 2), (delivery.Status, delivery.DeliveredAt, delivery.AttemptsInRound));
    }

    [Fact]
    public void A_retry_starts_a_new_round_now_and_keeps_the_attempt_log()
    {
        var failed = New();
        for (var i = 0; i < Options.MaxAttempts; i++)
        {
            failed = failed.FailedAttempt(T0.AddMinutes(i), "HTTP 500", Options);
        }

        var retryAt = T0.AddHours(1);
        var retried = failed.Retried(retryAt);

        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Equal((DeliveryStatus.Pending, 0, retryAt), (retried.Status, retried.AttemptsInRound, retried.NextAttemptAt));
        Assert.Equal(failed.Attempts, retried.Attempts);
        Assert.Equal(4, retried.Attempts.Count);
    }

    [Fact]
    public void After_a_retry_the_backoff_starts_again_from_the_first_wait_and_numbering_continues()
    {
        var failed = New();
        for (var i = 0; i < Options.MaxAttempts; i++)
        {
            failed = failed.FailedAttempt(T0.AddMinutes(i), "HTTP 500", Options);
        }

        var retryAt = T0.AddHours(1);
        var again = failed.Retried(retryAt).FailedAttempt(retryAt, "HTTP 500", Options);

        Assert.Equal((DeliveryStatus.Pending, 1, retryAt.AddSeconds(5)), (again.Status, again.AttemptsInRound, again.NextAttemptAt));
        Assert.Equal(5, again.Attempts[^1].Number);
    }
}

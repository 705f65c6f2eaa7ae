using System.Security.Cryptography;
using System.Text;
using VolunteerOps.Notifications.Deliveries.Webhooks;

namespace Notifications.UnitTests;

public class WebhookSignatureTests
{
    private const string Secret = "s3cret-key";
    private const long Timestamp = 1767225600;
    private const string Body = """{"kind":"shift-reminder","title":"Reminder"}""";

    [Fact]
    public void The_signature_is_v1_and_the_lowercase_hex_hmac_sha256_of_timestamp_dot_body()
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var digest = hmac.ComputeHash(Encoding.UTF8.GetBytes("1767225600." + Body));
        var hex = string.Concat(digest.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("v1=" + hex, WebhookSignature.Sign(Secret, Timestamp, Body));
    }

    [Fact]
    public void The_signature_of_a_known_input_is_a_fixed_value()
    {
        // Computed outside .NET: printf '%s' '1767225600.{body}' | openssl dgst -sha256 -hmac 's3cret-key'
        Assert.Equal(
            "v1=fcbb953e7385b5f63bd7432c98ee697c43c4fc5ef39239c1fe49e1cfaac7df5b",
            WebhookSignature.Sign(Secret, Timestamp, Body));
    }

    [Fact]
    public void Verify_accepts_the_signature_it_made()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);

        Assert.True(WebhookSignature.Verify(Secret, "1767225600", Body, signature));
    }

    [Fact]
    public void Verify_rejects_a_changed_body()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);

        Assert.False(WebhookSignature.Verify(Secret, "1767225600", Body + " ", signature));
    }

    [Fact]
    public void Verify_rejects_a_changed_timestamp()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);

        Assert.False(WebhookSignature.Verify(Secret, "1767225601", Body, signature));
    }

    [Fact]
    public void Verify_rejects_a_different_secret()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);

        Assert.False(WebhookSignature.Verify("other-secret", "1767225600", Body, signature));
    }

    [Fact]
    public void Verify_rejects_a_non_numeric_timestamp()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);

        Assert.False(WebhookSignature.Verify(Secret, "yesterday", Body, signature));
    }

    [Fact]
    public void Verify_rejects_an_uppercase_or_unprefixed_signature()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);

        Assert.False(WebhookSignature.Verify(Secret, "1767225600", Body, "v1=" + signature[3..].ToUpperInvariant()));
        Assert.False(WebhookSignature.Verify(Secret, "1767225600", Body, signature[3..]));
    }
}

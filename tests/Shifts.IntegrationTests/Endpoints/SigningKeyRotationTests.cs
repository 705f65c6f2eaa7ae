using System.Net;
using System.Net.Http.Headers;
using VolunteerOps.ServiceDefaults.Security;
using VolunteerOps.Shifts;
using VolunteerOps.Testing;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>During an HS256 key rotation tokens signed with the previous key stay valid; any other key is still refused.</summary>
public class SigningKeyRotationTests(PostgresFixture postgres)
{
    private const string NewKey = "volunteerops-rotated-signing-key-0123456789abcdef";

    [Theory]
    [InlineData(NewKey, HttpStatusCode.NotFound)]
    [InlineData(TestTokens.SigningKey, HttpStatusCode.NotFound)] // the previous key
    [InlineData("volunteerops-some-other-signing-key-0123456789ab", HttpStatusCode.Unauthorized)]
    public async Task Tokens_of_the_new_and_the_previous_key_are_accepted_and_others_refused(string signedWith, HttpStatusCode expected)
    {
        await using var shifts = new ServiceFactory<ShiftsIntegrationEvents>(postgres, new Dictionary<string, string>
        {
            ["Auth:SigningKey"] = NewKey,
            ["Auth:PreviousSigningKey"] = TestTokens.SigningKey,
            ["Worker:Enabled"] = "false", // tokens are checked by the HTTP replica: no broker needed
        });
        using var client = shifts.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", DevTokens.Mint(signedWith, "coordinator-1", [Roles.Coordinator], TimeSpan.FromMinutes(5)));

        var response = await client.GetAsync($"/api/conferences/{Guid.CreateVersion7()}");

        Assert.Equal(expected, response.StatusCode); // 404: the token was accepted and the conference does not exist
    }
}

using Ensuresec.Response.Cacao;
using Ensuresec.Response.Connectors;

namespace Ensuresec.Response.Tests.Connectors;

public sealed class EmailConnectorTests
{
    private static CommandRequest Request(string content) =>
        new(new CacaoCommand("x-ensuresec-email", null, content, new Dictionary<string, IReadOnlyList<string>>(), null), null, []);

    [Fact]
    public async Task Send_DeliversToTheSmtpServer()
    {
        using var smtp = new SmtpListener();
        var connector = new EmailConnector(new EmailOptions { Host = "127.0.0.1", Port = smtp.Port, From = "security@shop.example", UseTls = false });
        var outcome = await connector.ExecuteAsync(Request("{\"to\":[\"alice@example.com, bob@example.com\"],\"subject\":\"Your order is on hold\",\"body\":\"We paused parcel P-17.\"}"), CancellationToken.None);
        outcome.Succeeded.ShouldBeTrue(outcome.Detail);
        var message = smtp.Messages.ShouldHaveSingleItem();
        message.From.ShouldContain("security@shop.example");
        message.To.Count.ShouldBe(2);
        message.Data.ShouldContain("Subject: Your order is on hold");
        message.Data.ShouldContain("We paused parcel P-17.");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"to\":[]}")]
    [InlineData("{\"to\":[\"not an address\"],\"subject\":\"x\"}")]
    [InlineData("{\"to\":[\"a@example.com\"],\"subject\":\"x\\r\\nBcc: everyone@example.com\"}")]
    public async Task BadContent_FailsWithoutSending(string content)
    {
        using var smtp = new SmtpListener();
        var connector = new EmailConnector(new EmailOptions { Host = "127.0.0.1", Port = smtp.Port, From = "security@shop.example", UseTls = false });
        var outcome = await connector.ExecuteAsync(Request(content), CancellationToken.None);
        outcome.Succeeded.ShouldBeFalse();
        smtp.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task ServerDown_IsAFailedOutcome()
    {
        var connector = new EmailConnector(new EmailOptions { Host = "127.0.0.1", Port = LocalPorts.Free(), From = "security@shop.example", UseTls = false, Timeout = TimeSpan.FromSeconds(3) });
        var outcome = await connector.ExecuteAsync(Request("{\"to\":[\"a@example.com\"],\"subject\":\"x\",\"body\":\"y\"}"), CancellationToken.None);
        outcome.Succeeded.ShouldBeFalse();
    }
}

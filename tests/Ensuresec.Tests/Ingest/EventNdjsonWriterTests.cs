using Ensuresec.Core.Events;
using Ensuresec.Ingest;

namespace Ensuresec.Tests.Ingest;

public class EventNdjsonWriterTests
{
    [Fact]
    public void Write_ThenRead_GivesTheSameEvents()
    {
        var events = new[]
        {
            new SecurityEvent { Id = "a", Timestamp = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), Action = EventActions.Login, Outcome = "failure", SourceIp = "2001:db8::1", UserName = "alice\"\n<script>" },
            new SecurityEvent { Id = "b", Timestamp = new DateTimeOffset(2026, 3, 2, 10, 0, 1, TimeSpan.Zero), Action = EventActions.PaymentAttempt, PaymentAmount = 1.25m, PaymentCurrency = "EUR", CardFingerprint = "c1" },
        };
        using var stream = new MemoryStream();
        using (var writer = new EventNdjsonWriter(stream))
        {
            foreach (var e in events) writer.Write(e);
            writer.Written.ShouldBe(2);
        }

        using var reader = new EventFileReader(new MemoryStream(stream.ToArray()), "mem");
        var back = reader.ReadAll().Select(r => r.Event ?? throw new InvalidOperationException(r.Error!.ToString())).ToList();
        back.Count.ShouldBe(2);
        back[0].UserName.ShouldBe(events[0].UserName);
        back[0].SourceIp.ShouldBe("2001:db8::1");
        back[1].PaymentAmount.ShouldBe(1.25m);
        back[1].Timestamp.ShouldBe(events[1].Timestamp);
    }
}

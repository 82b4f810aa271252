using System.Text;
using Ensuresec.Ingest;

namespace Ensuresec.Tests.Ingest;

public sealed class EventFileReaderTests
{
    private const string AccessLine = "10.0.0.1 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"ua\"";
    private const string JsonLine = "{\"@timestamp\":\"2024-05-01T10:00:00Z\",\"event.action\":\"user-login\"}";

    private static (List<EventReadResult> Results, EventFileReader Reader) Read(byte[] content, EventFileReaderOptions? options = null)
    {
        var reader = new EventFileReader(new MemoryStream(content), "mem.log", options);
        var results = reader.ReadAll().ToList();
        return (results, reader);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void ReadAll_JsonLinesWithCrlfAndBlankLines_DetectsJsonAndCountsLines()
    {
        var (results, reader) = Read(Bytes("\r\n" + JsonLine + "\r\n\r\n  \r\n" + JsonLine + "\r\n"));

        reader.Format.ShouldBe(EventFileFormat.JsonLines);
        results.Count.ShouldBe(2);
        results.ShouldAllBe(r => r.IsEvent);
        results[1].Event!.Origin.ShouldBe("mem.log:5");
        reader.LinesRead.ShouldBe(5);
        reader.BytesRead.ShouldBe(reader.TotalBytes);
    }

    [Fact]
    public void ReadAll_AccessLogWithBomAndNoFinalNewline_ReadsEveryLine()
    {
        var (results, reader) = Read(Bytes("\uFEFF" + AccessLine + "\n" + AccessLine));

        reader.Format.ShouldBe(EventFileFormat.AccessLog);
        results.Select(r => r.Event!.Id).ShouldBe(["mem.log:1", "mem.log:2"]);
    }

    [Fact]
    public void ReadAll_InvalidUtf8Line_IsAnErrorAndTheRestIsRead()
    {
        byte[] bad = Bytes(AccessLine.Replace("ua", "u\u00e9", StringComparison.Ordinal));
        bad[^3] = 0xFF;
        byte[] content = [.. Bytes(AccessLine + "\n"), .. bad, (byte)'\n', .. Bytes(AccessLine + "\n")];

        var (results, _) = Read(content);

        results.Count.ShouldBe(3);
        results[1].Error!.Line.ShouldBe(2);
        results[1].Error!.Reason.ShouldBe("invalid UTF-8");
        results[2].IsEvent.ShouldBeTrue();
    }

    [Fact]
    public void ReadAll_OverlongLine_IsOneErrorAndReadingGoesOn()
    {
        var options = new EventFileReaderOptions { MaxAccessLogLineBytes = 200, MaxJsonLineBytes = 200, BufferSize = 1024 };
        string huge = AccessLine.Replace("\"ua\"", "\"" + new string('x', 5000) + "\"", StringComparison.Ordinal);

        var (results, reader) = Read(Bytes(AccessLine + "\n" + huge + "\n" + AccessLine + "\n" + huge), options);

        results.Count.ShouldBe(4);
        results[1].Error!.Line.ShouldBe(2);
        results[1].Error!.Reason.ShouldContain("over the limit");
        results[2].Event!.Id.ShouldBe("mem.log:3");
        results[3].Error!.Line.ShouldBe(4);
        reader.LinesRead.ShouldBe(4);
    }

    [Fact]
    public void ReadAll_ToldTheFormat_DoesNotGuess()
    {
        var (results, _) = Read(Bytes(JsonLine + "\n"), new EventFileReaderOptions { Format = EventFileFormat.AccessLog });

        results.Single().IsEvent.ShouldBeFalse();
    }

    [Fact]
    public void ReadAll_CustomLogFormat_IsUsed()
    {
        AccessLogFormat.TryCompile("$time_iso8601 $remote_addr \"$request\" $status", out var format, out _).ShouldBeTrue();

        var (results, _) = Read(Bytes("2024-05-01T10:00:00+00:00 ::1 \"POST /login HTTP/1.1\" 401\n"),
            new EventFileReaderOptions { AccessLogFormat = format, AccessLogDataset = "apache.access" });

        var e = results.Single().Event!;
        e.SourceIp.ShouldBe("::1");
        e.Outcome.ShouldBe("failure");
        e.Dataset.ShouldBe("apache.access");
    }

    [Fact]
    public void ReadAll_Twice_Throws()
    {
        var (_, reader) = Read(Bytes(JsonLine));

        Should.Throw<InvalidOperationException>(() => reader.ReadAll());
    }

    [Fact]
    public void TryOpen_MissingFile_ReturnsAReason()
    {
        EventFileReader.TryOpen("/nonexistent/ensuresec/x.log", null, out var reader, out string? error).ShouldBeFalse();

        reader.ShouldBeNull();
        error.ShouldContain("cannot open");
    }

    [Fact]
    public void ReadAll_EmptyFile_YieldsNothing()
    {
        var (results, reader) = Read([]);

        results.ShouldBeEmpty();
        reader.Format.ShouldBe(EventFileFormat.Auto);
    }
}

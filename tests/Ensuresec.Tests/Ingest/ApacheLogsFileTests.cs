using System.Text.RegularExpressions;
using Ensuresec.Core.Events;
using Ensuresec.Ingest;
using Ensuresec.Tests.Support;

namespace Ensuresec.Tests.Ingest;

public sealed class ApacheLogsFileTests
{
    private static readonly string ApacheLogs = SharedData.PathOf("access-logs/apache_logs");

    private static List<EventReadResult> ReadAll(EventFileReaderOptions? options = null)
    {
        EventFileReader.TryOpen(ApacheLogs, options ?? new EventFileReaderOptions { AccessLogDataset = "apache.access" }, out var reader, out string? error)
            .ShouldBeTrue(error);
        using (reader)
        {
            var results = reader!.ReadAll().ToList();
            reader.Format.ShouldBe(EventFileFormat.AccessLog);
            reader.BytesRead.ShouldBe(reader.TotalBytes);
            return results;
        }
    }

    [Fact]
    public void ReadAll_ApacheLogs_YieldsExactly9999EventsAndOneErrorAtLine8899()
    {
        var results = ReadAll();

        results.Count(r => r.IsEvent).ShouldBe(9_999);
        var error = results.Single(r => !r.IsEvent).Error!;
        error.Line.ShouldBe(8899);
        error.Source.ShouldBe(ApacheLogs);
        error.Field.ShouldBe("http_user_agent");
        error.ToString().ShouldStartWith($"{ApacheLogs}:8899: http_user_agent: ");
    }

    [Fact]
    public void ReadAll_ApacheLogs_FirstLineHasEveryField()
    {
        var first = ReadAll()[0].Event!;

        first.Id.ShouldBe($"{ApacheLogs}:1");
        first.Origin.ShouldBe($"{ApacheLogs}:1");
        first.SourceIp.ShouldBe("83.149.9.216");
        first.UserName.ShouldBeNull();
        first.Timestamp.ShouldBe(new DateTimeOffset(2015, 5, 17, 10, 5, 3, TimeSpan.Zero));
        first.HttpMethod.ShouldBe("GET");
        first.UrlPath.ShouldBe("/presentations/logstash-monitorama-2013/images/kibana-search.png");
        first.UrlQuery.ShouldBeNull();
        first.HttpVersion.ShouldBe("1.1");
        first.StatusCode.ShouldBe(200);
        first.ResponseBytes.ShouldBe(203023);
        first.Referrer.ShouldBe("http://semicomplete.com/presentations/logstash-monitorama-2013/");
        first.UserAgent!.ShouldStartWith("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1)");
        first.Kind.ShouldBe("event");
        first.Category.ShouldBe("web");
        first.Action.ShouldBe(EventActions.HttpRequest);
        first.Outcome.ShouldBe(EventOutcomes.Success);
        first.Dataset.ShouldBe("apache.access");
    }

    [Fact]
    public void ReadAll_ApacheLogs_IdsAreUniqueAndStableAcrossRuns()
    {
        var ids = ReadAll().Where(r => r.IsEvent).Select(r => r.Event!.Id).ToList();

        ids.Distinct().Count().ShouldBe(ids.Count);
        ReadAll().Where(r => r.IsEvent).Select(r => r.Event!.Id).ShouldBe(ids);
    }

    [Fact]
    public void ReadAll_ApacheLogs_AgreesWithANaiveRegexParserOnEveryLine()
    {
        // A slow, obviously-correct reference: the fast parser must agree with it field by field.
        var regex = new Regex("""^(\S+) \S+ (\S+) \[([^\]]+)\] "(\S+) (\S*?)(?:\?(\S*))? HTTP/(\S+)" (\d{3}) (\S+) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$""");
        var lines = File.ReadAllLines(ApacheLogs);
        var events = ReadAll().Where(r => r.IsEvent).Select(r => r.Event!).ToDictionary(e => int.Parse(e.Id[(e.Id.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        int compared = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var m = regex.Match(lines[i]);
            if (!m.Success) continue;
            var e = events[i + 1];
            e.SourceIp.ShouldBe(m.Groups[1].Value);
            e.UserName.ShouldBe(m.Groups[2].Value == "-" ? null : m.Groups[2].Value);
            e.HttpMethod.ShouldBe(m.Groups[4].Value);
            e.UrlPath.ShouldBe(m.Groups[5].Value);
            e.UrlQuery.ShouldBe(m.Groups[6].Success ? m.Groups[6].Value : null);
            e.HttpVersion.ShouldBe(m.Groups[7].Value);
            e.StatusCode.ShouldBe(int.Parse(m.Groups[8].Value, System.Globalization.CultureInfo.InvariantCulture));
            e.ResponseBytes.ShouldBe(m.Groups[9].Value == "-" ? null : long.Parse(m.Groups[9].Value, System.Globalization.CultureInfo.InvariantCulture));
            e.UserAgent.ShouldBe(m.Groups[11].Value == "-" ? null : m.Groups[11].Value.Replace("\\\"", "\"", StringComparison.Ordinal));
            compared++;
        }

        compared.ShouldBeGreaterThan(9_900);
    }

    [Fact]
    public void ReadAll_ApacheLogsGzipped_GivesTheSameEvents()
    {
        string gz = Path.Combine(Path.GetTempPath(), $"ensuresec-apache-{Guid.NewGuid():N}.log.gz");
        try
        {
            using (var input = File.OpenRead(ApacheLogs))
            using (var output = new System.IO.Compression.GZipStream(File.Create(gz), System.IO.Compression.CompressionLevel.Fastest))
            {
                input.CopyTo(output);
            }

            EventFileReader.TryOpen(gz, null, out var reader, out string? error).ShouldBeTrue(error);
            using (reader)
            {
                var results = reader!.ReadAll().ToList();
                results.Count(r => r.IsEvent).ShouldBe(9_999);
                results.Single(r => !r.IsEvent).Error!.Line.ShouldBe(8899);
                reader.BytesRead.ShouldBe(reader.TotalBytes);
            }
        }
        finally
        {
            File.Delete(gz);
        }
    }
}

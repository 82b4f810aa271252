using System.Globalization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Ensuresec.Core.Events;
using Ensuresec.Ingest;

namespace Ensuresec.Bench.Parsers;

/// <summary>The combined-format parser against the obvious alternative, a compiled Regex, over 10,000 real lines.</summary>
[MemoryDiagnoser]
public partial class AccessLogParserBenchmarks
{
    private string[] _lines = [];
    private AccessLogParser _parser = null!;

    [GeneratedRegex("""^(\S+) \S+ (\S+) \[([^\]]+)\] "(\S+) ([^ ?"]*)(?:\?([^ "]*))? HTTP/([^"]+)" (\d{3}) (\S+) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$""")]
    private static partial Regex CombinedRegex();

    [GlobalSetup]
    public void Setup()
    {
        _lines = BenchData.AccessLines();
        _parser = new AccessLogParser(AccessLogFormat.Combined, "apache.access");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 10_000)]
    public int NaiveRegex()
    {
        int ok = 0;
        for (int i = 0; i < 10_000; i++)
        {
            var m = CombinedRegex().Match(_lines[i % _lines.Length]);
            if (!m.Success) continue;
            var e = new SecurityEvent
            {
                Id = "f:" + i.ToString(CultureInfo.InvariantCulture),
                Timestamp = DateTimeOffset.ParseExact(m.Groups[3].Value, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture),
                SourceIp = m.Groups[1].Value,
                UserName = m.Groups[2].Value == "-" ? null : m.Groups[2].Value,
                HttpMethod = m.Groups[4].Value,
                UrlPath = m.Groups[5].Value,
                UrlQuery = m.Groups[6].Success ? m.Groups[6].Value : null,
                HttpVersion = m.Groups[7].Value,
                StatusCode = int.Parse(m.Groups[8].Value, CultureInfo.InvariantCulture),
                ResponseBytes = m.Groups[9].Value == "-" ? null : long.Parse(m.Groups[9].Value, CultureInfo.InvariantCulture),
                Referrer = m.Groups[10].Value,
                UserAgent = m.Groups[11].Value,
            };
            if (e.StatusCode > 0) ok++;
        }

        return ok;
    }

    [Benchmark(OperationsPerInvoke = 10_000)]
    public int Ensuresec()
    {
        int ok = 0;
        for (int i = 0; i < 10_000; i++)
        {
            if (_parser.TryParse(_lines[i % _lines.Length], "f", i, out _, out _)) ok++;
        }

        return ok;
    }
}

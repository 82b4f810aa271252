using System.Globalization;
using System.Text.RegularExpressions;
using Ensuresec.Core.Events;

namespace Ensuresec.Tests.Detection;

/// <summary>
/// TEST ONLY: a throwaway reader of the Apache combined format, just enough to feed the detectors the shared
/// sample log. The product's parser lives in Ensuresec.Ingest; lines this one cannot read are skipped.
/// </summary>
internal static partial class TestOnlyCombinedLogReader
{
    public static IEnumerable<SecurityEvent> Read(string path)
    {
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var m = Combined().Match(text);
            if (!m.Success) continue;
            var parts = m.Groups["req"].Value.Split(' ');
            if (parts.Length < 2) continue;
            string target = parts[1];
            int q = target.IndexOf('?', StringComparison.Ordinal);
            yield return new SecurityEvent
            {
                Id = "apache-" + line.ToString(CultureInfo.InvariantCulture),
                Timestamp = DateTimeOffset.ParseExact(m.Groups["time"].Value, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture),
                Action = EventActions.HttpRequest,
                Dataset = "apache.access",
                SourceIp = m.Groups["ip"].Value,
                HttpMethod = parts[0],
                UrlPath = q < 0 ? target : target[..q],
                UrlQuery = q < 0 ? null : target[(q + 1)..],
                StatusCode = int.Parse(m.Groups["status"].Value, CultureInfo.InvariantCulture),
                UserAgent = m.Groups["ua"].Value,
            };
        }
    }

    [GeneratedRegex("""^(?<ip>\S+) \S+ \S+ \[(?<time>[^\]]+)\] "(?<req>[^"]*)" (?<status>\d{3}) \S+ "[^"]*" "(?<ua>[^"]*)"$""")]
    private static partial Regex Combined();
}

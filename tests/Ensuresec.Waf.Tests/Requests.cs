using System.Text;
using Ensuresec.Waf;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Tests;

/// <summary>Builds requests for the tests: browser-like headers unless told otherwise.</summary>
internal static class Requests
{
    public static readonly KeyValuePair<string, string>[] BrowserHeaders =
    [
        new("Host", "shop.example"),
        new("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"),
        new("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
        new("Accept-Language", "en-GB,en;q=0.5"),
        new("Referer", "https://shop.example/catalog"),
    ];

    public static HttpRequestData Get(string target, params KeyValuePair<string, string>[] extra) =>
        new() { Method = "GET", Target = target, Headers = [.. BrowserHeaders, .. extra] };

    public static HttpRequestData Post(string target, string contentType, string body, params KeyValuePair<string, string>[] extra)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        return new()
        {
            Method = "POST",
            Target = target,
            Headers = [.. BrowserHeaders, new("Content-Type", contentType), new("Content-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. extra],
            Body = bytes,
        };
    }

    public static WafVerdict Analyze(HttpRequestData request, int paranoia = 2) => new WafAnalyzer(new WafOptions { Paranoia = paranoia }).Analyze(request);

    public static IEnumerable<AttackClass> Classes(this WafVerdict v) => v.Findings.Select(f => f.Class).Distinct();
}

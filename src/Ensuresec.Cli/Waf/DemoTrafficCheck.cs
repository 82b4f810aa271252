using System.Globalization;
using System.Text;
using Ensuresec.Core.Events;
using Ensuresec.Demo.Scenario;
using Ensuresec.Waf;
using Ensuresec.Waf.Model;
using Spectre.Console;

namespace Ensuresec.Cli.Waf;

/// <summary>
/// The retailer demo's normal traffic (every event not from an attack's addresses) sent as full requests: browser
/// headers, a session cookie, and for logins, payments and orders the form or JSON body the shop would receive.
/// </summary>
internal static class DemoTrafficCheck
{
    public sealed record Result(int Requests, List<(string Request, IReadOnlyList<WafFinding> Findings)> Flagged);

    public static Result Run(WafOptions options, int seed = 1, int maxRequests = 50_000)
    {
        var scenario = RetailerScenario.Generate(seed);
        var attackers = scenario.Truth.Attacks.SelectMany(a => a.Addresses).ToHashSet(StringComparer.Ordinal);
        var analyzer = new WafAnalyzer(options);
        var flagged = new List<(string, IReadOnlyList<WafFinding>)>();
        int n = 0;
        foreach (var e in scenario.Events)
        {
            if (n >= maxRequests) break;
            if (e.SourceIp is null || attackers.Contains(e.SourceIp) || e.UrlPath is null) continue;
            var request = ToRequest(e);
            n++;
            var verdict = analyzer.Analyze(request);
            if (verdict.Findings.Count > 0) flagged.Add(($"{request.Method} {request.Target}", verdict.Findings));
        }

        return new Result(n, flagged);
    }

    internal static HttpRequestData ToRequest(SecurityEvent e)
    {
        string target = string.IsNullOrEmpty(e.UrlQuery) ? e.UrlPath! : e.UrlPath + "?" + e.UrlQuery;
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", "shop.example"),
            new("User-Agent", e.UserAgent ?? "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"),
            new("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            new("Accept-Language", "en-GB,en;q=0.9,de;q=0.8"),
            new("Accept-Encoding", "gzip, deflate, br"),
            new("Referer", "https://shop.example/"),
            new("Cookie", $"session={Convert.ToHexString(Encoding.UTF8.GetBytes(e.SourceIp ?? "x"))}; cart_id=8f3a2c; consent=analytics%3Dfalse%26ads%3Dfalse"),
        };
        string method = e.HttpMethod ?? "GET";
        byte[] body = [];
        if (method == "POST")
        {
            (string type, string text) = Body(e);
            body = Encoding.UTF8.GetBytes(text);
            headers.Add(new("Content-Type", type));
            headers.Add(new("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)));
            headers.Add(new("Origin", "https://shop.example"));
        }

        return new HttpRequestData { Method = method, Target = target, Version = "HTTP/1.1", Headers = headers, Body = body };
    }

    private static (string Type, string Text) Body(SecurityEvent e)
    {
        if (e.Action == EventActions.PaymentAttempt)
        {
            string amount = (e.PaymentAmount ?? 0).ToString(CultureInfo.InvariantCulture);
            return ("application/json", $$"""{"amount":{{amount}},"currency":"{{e.PaymentCurrency ?? "EUR"}}","card":{"token":"tok_{{e.CardFingerprint}}","exp_month":"04","exp_year":"2029"},"billing":{"name":"Jane O'Neil","line1":"12 Rue de l'Église","city":"Saint-Étienne","postcode":"42000","country":"FR"},"return_url":"https://shop.example/checkout/done?order=1042&step=3"}""");
        }

        string user = Uri.EscapeDataString(e.UserEmail ?? e.UserName ?? "customer@example.com");
        return ("application/x-www-form-urlencoded", $"email={user}&password=Tr0ub4dor%26%3B3%21&remember=on&redirect=%2Faccount%2Forders%3Fpage%3D2&csrf_token=4f2a9c1d7e8b");
    }

    public static void Print(Result r)
    {
        double clean = r.Requests == 0 ? 0 : 100.0 * (r.Requests - r.Flagged.Count) / r.Requests;
        AnsiConsole.MarkupLine($"[bold]demo normal traffic[/] (seed 1) as full requests: {r.Requests:N0} requests, {r.Flagged.Count:N0} flagged, {clean.ToString("N2", CultureInfo.InvariantCulture)}% clean");
        foreach (var (request, findings) in r.Flagged.Take(50))
        {
            AnsiConsole.MarkupLine($"  {Markup.Escape(request)}");
            foreach (var f in findings) AnsiConsole.MarkupLine("    " + Markup.Escape(WafJson.Describe(f)));
        }
    }
}

using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Inputs;

/// <summary>Splits a request into the values the detectors inspect: path, query arguments, headers, cookies, body fields.</summary>
internal static class RequestInputs
{
    /// <summary>Headers whose values are structure the protocol checks read, not payload carriers.</summary>
    private static readonly HashSet<string> Structural = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Connection", "Accept-Encoding", "Transfer-Encoding", "Cookie",
    };

    public static void Collect(HttpRequestData request, WafOptions options, InputCollector into)
    {
        var (path, query) = Target.Split(request.Target);
        into.Add(new RequestInput(RequestPart.Path, string.Empty, path, false));
        if (query.Length > 0) FormReader.Read(query, RequestPart.QueryName, RequestPart.QueryValue, into);
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)) Cookies(value, into);
            else if (!Structural.Contains(name)) into.Add(new RequestInput(RequestPart.Header, name, value, false));
        }

        BodyInputs.Read(request, options, into);
    }

    private static void Cookies(string header, InputCollector into)
    {
        foreach (var pair in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? pair : pair[..eq];
            into.Add(new RequestInput(RequestPart.CookieName, name, name, false));
            if (eq >= 0 && eq + 1 < pair.Length) into.Add(new RequestInput(RequestPart.CookieValue, name, pair[(eq + 1)..], false));
        }
    }
}

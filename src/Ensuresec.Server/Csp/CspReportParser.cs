using System.Text.Json;

namespace Ensuresec.Server.Csp;

/// <summary>
/// Reads the two report formats browsers send: CSP Level 2/3 report-uri (<c>{"csp-report": {...}}</c>, kebab-case
/// fields, application/csp-report) and the Reporting API (<c>[{"type":"csp-violation","body":{...}}]</c>,
/// camelCase fields, application/reports+json). Reports of other types are ignored. Returns a reason on bad input.
/// </summary>
internal static class CspReportParser
{
    private const int MaxField = 2048;
    public const int MaxReportsPerBody = 20;

    public static (List<CspViolation> Violations, string? Error) Parse(ReadOnlySpan<byte> body, string? userAgent)
    {
        var list = new List<CspViolation>();
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("csp-report", out var legacy) && legacy.ValueKind == JsonValueKind.Object)
            {
                list.Add(Legacy(legacy, userAgent));
            }
            else if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var report in root.EnumerateArray())
                {
                    if (list.Count >= MaxReportsPerBody) break;
                    if (report.ValueKind != JsonValueKind.Object || Str(report, "type") != "csp-violation") continue;
                    if (!report.TryGetProperty("body", out var b) || b.ValueKind != JsonValueKind.Object) continue;
                    list.Add(Modern(b, Str(report, "user_agent") ?? userAgent));
                }
            }
            else
            {
                return (list, "expected {\"csp-report\": {...}} or an array of Reporting API reports");
            }
        }
        catch (JsonException ex)
        {
            return (list, $"invalid JSON at byte {ex.BytePositionInLine + 1}");
        }

        return list.Count == 0 ? (list, "no csp-violation report in the body") : (list, null);
    }

    private static CspViolation Legacy(JsonElement r, string? userAgent) => new(
        Cut(Str(r, "document-uri")) ?? "unknown",
        Cut(Str(r, "blocked-uri")) ?? "unknown",
        Cut(Str(r, "effective-directive") ?? Str(r, "violated-directive"))?.Split(' ')[0] ?? "unknown",
        Cut(Str(r, "disposition")) ?? "enforce",
        Cut(Str(r, "source-file")),
        Int(r, "line-number"),
        Cut(Str(r, "script-sample")),
        Cut(userAgent));

    private static CspViolation Modern(JsonElement b, string? userAgent) => new(
        Cut(Str(b, "documentURL")) ?? "unknown",
        Cut(Str(b, "blockedURL")) ?? "unknown",
        Cut(Str(b, "effectiveDirective")) ?? "unknown",
        Cut(Str(b, "disposition")) ?? "enforce",
        Cut(Str(b, "sourceFile")),
        Int(b, "lineNumber"),
        Cut(Str(b, "sample")),
        Cut(userAgent));

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out int v) ? v : null;

    private static string? Cut(string? s) => s is null ? null : s.Length <= MaxField ? s : s[..MaxField];
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ensuresec.Waf.Evaluation;

/// <summary>Reads crs334-requests.jsonl (and, when present beside it, ModSecurity's results for the target paranoia levels).</summary>
public static partial class CrsCaseLoader
{
    public const string RequestsFile = "crs334-requests.jsonl";
    public const string ModSecurityResults = "modsecurity-crs334-pl1-accept-charset-allowed-results.jsonl";

    public static (List<CrsCase> Cases, List<string> Errors) Load(string directory)
    {
        var cases = new List<CrsCase>();
        var errors = new List<string>();
        string path = Path.Combine(directory, RequestsFile);
        if (!File.Exists(path))
        {
            errors.Add($"{path}: not found");
            return (cases, errors);
        }

        var extra = LoadResults(Path.Combine(directory, ModSecurityResults), errors);
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                string title = root.GetProperty("test_title").GetString() ?? string.Empty;
                int stage = root.GetProperty("stage").GetInt32();
                string file = root.GetProperty("file").GetString() ?? string.Empty;
                string kind = root.GetProperty("kind").GetString() ?? string.Empty;
                string rule = RuleId().Match(root.GetProperty("expect").GetRawText()) is { Success: true } m ? m.Value : title.Split('-')[0];
                byte[] request = Convert.FromBase64String(root.GetProperty("request_b64").GetString() ?? string.Empty);
                extra.TryGetValue((title, stage), out var known);
                cases.Add(new CrsCase(title, stage, file, kind, rule, request, known.Paranoia, known.Blocked));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                errors.Add($"{path}:{lineNumber}: {e.Message}");
            }
        }

        return (cases, errors);
    }

    private static Dictionary<(string, int), (int? Paranoia, bool? Blocked)> LoadResults(string path, List<string> errors)
    {
        var d = new Dictionary<(string, int), (int?, bool?)>();
        if (!File.Exists(path)) return d;
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                int? pl = r.TryGetProperty("target_pl", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;
                bool? blocked = r.TryGetProperty("blocked", out var b) && b.ValueKind is JsonValueKind.True or JsonValueKind.False ? b.GetBoolean() : null;
                d[(r.GetProperty("test_title").GetString() ?? string.Empty, r.GetProperty("stage").GetInt32())] = (pl, blocked);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                errors.Add($"{path}:{lineNumber}: {e.Message}");
            }
        }

        return d;
    }

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex RuleId();
}

using System.Text.Json;
using Ensuresec.Config;
using Ensuresec.Waf.Sigma;

namespace Ensuresec.Cli.Waf;

/// <summary>
/// What the Sigma detector loaded (detectors.sigma): printed when analyze and serve start and written into
/// analyze's --json, so that a rule that does not load is always seen with its file and reason.
/// </summary>
internal static class SigmaReport
{
    /// <summary>The configured rule set, or null when no folder is configured.</summary>
    public static SigmaRuleSet? Load(EnsuresecConfig config) => config.Detection.Sigma.Runs ? config.Detection.Sigma.Load() : null;

    public static void Print(SigmaRuleSet set, TextWriter output)
    {
        output.WriteLine($"sigma: {set.Rules.Count} rules running from {string.Join(", ", set.Folders)} ({set.OtherLogsource} of another logsource skipped, {set.Problems.Count} not loaded)");
        foreach (var p in set.Problems) output.WriteLine($"sigma: not loaded: {Printable(p.File)}: {Printable(p.Reason)}");
        foreach (var w in set.Warnings) output.WriteLine($"sigma: warning: {Printable(w.File)}: {Printable(w.Reason)}");
    }

    public static void Write(Utf8JsonWriter w, SigmaRuleSet set)
    {
        w.WriteStartObject("sigma");
        w.WriteStartArray("folders");
        foreach (string f in set.Folders) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteNumber("running", set.Rules.Count);
        w.WriteNumber("other_logsource", set.OtherLogsource);
        w.WriteNumber("always_evaluated", set.AlwaysEvaluated);
        Problems(w, "not_loaded", set.Problems);
        Problems(w, "warnings", set.Warnings);
        w.WriteEndObject();
    }

    public static void Problems(Utf8JsonWriter w, string name, IEnumerable<SigmaLoader.Problem> problems)
    {
        w.WriteStartArray(name);
        foreach (var p in problems)
        {
            w.WriteStartObject();
            w.WriteString("file", p.File);
            w.WriteString("reason", p.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    // Rule files are outside input: control characters (terminal escapes) are not printed as they are.
    private static string Printable(string s) => string.Concat(s.Select(c => char.IsControl(c) ? '?' : c));
}

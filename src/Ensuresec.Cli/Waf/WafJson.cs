using System.Text.Json;
using Ensuresec.Waf.Model;

namespace Ensuresec.Cli.Waf;

/// <summary>Findings of the request analyser as JSON.</summary>
internal static class WafJson
{
    public static void WriteFindings(Utf8JsonWriter w, IReadOnlyList<WafFinding> findings)
    {
        w.WriteStartArray("findings");
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("class", AttackClasses.Name(f.Class));
            w.WriteString("rule", f.RuleId);
            w.WriteString("technique", f.Technique);
            w.WriteString("part", f.Part.ToString());
            w.WriteString("name", f.Name);
            w.WriteString("evidence", f.Evidence);
            w.WriteNumber("paranoia", f.Paranoia);
            w.WriteNumber("score", f.Score);
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static string Describe(WafFinding f) =>
        $"{AttackClasses.Name(f.Class)} {f.RuleId} in {f.Part}{(f.Name.Length > 0 ? " " + f.Name : string.Empty)}: {f.Message} [{f.Evidence}]";
}

using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;
using Ensuresec.Waf.Normalization;

namespace Ensuresec.Waf.Detectors;

/// <summary>
/// A "java" package path reaching Runtime or ProcessBuilder through any class in between (java.evil.runtime), and the
/// raw magic bytes of a Java serialisation stream (AC ED 00 05) sent as a value.
/// </summary>
internal static class JavaDetector
{
    public static void Inspect(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        string s = value.Lower;
        // Bytes AC ED read as Latin-1 (forms) or as the lenient UTF-8 decoder's fallback; NUL is removed by normalisation.
        int magic = value.Decoded.IndexOf("\u00ac\u00ed", StringComparison.Ordinal);
        if (magic >= 0 && magic + 2 < value.Decoded.Length && value.Decoded[magic + 2] == '\u0005')
        {
            ctx.Add(AttackClass.Deserialization, "ES-WAF-944-SERIAL-RAW", "Java serialisation stream header (AC ED 00 05)", input.Part, input.Name, "AC ED 00 05", 1, Score.Critical);
        }

        int java = s.IndexOf("java", StringComparison.Ordinal);
        if (java < 0 || !ctx.Runs(2)) return;
        int dot = s.IndexOf('.', java);
        if (dot < 0) return;
        int target = s.IndexOf("runtime", dot, StringComparison.Ordinal);
        if (target < 0) target = s.IndexOf("processbuilder", dot, StringComparison.Ordinal);
        if (target > dot) ctx.Add(AttackClass.JavaInjection, "ES-WAF-944-JAVA-PATH", "Java package path to Runtime or ProcessBuilder", input.Part, input.Name, KeywordScanner.Around(s, java, target - java + 7), 2, Score.Critical);
    }
}

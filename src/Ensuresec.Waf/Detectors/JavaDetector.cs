using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;
using Ensuresec.Waf.Normalization;

namespace Ensuresec.Waf.Detectors;

/// <summary>A "java" package path reaching Runtime or ProcessBuilder through any class in between (java.evil.runtime).</summary>
internal static class JavaDetector
{
    public static void Inspect(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        string s = value.Lower;
        int java = s.IndexOf("java", StringComparison.Ordinal);
        if (java < 0 || !ctx.Runs(2)) return;
        int dot = s.IndexOf('.', java);
        if (dot < 0) return;
        int target = s.IndexOf("runtime", dot, StringComparison.Ordinal);
        if (target < 0) target = s.IndexOf("processbuilder", dot, StringComparison.Ordinal);
        if (target > dot) ctx.Add(AttackClass.JavaInjection, "ES-WAF-944-JAVA-PATH", "Java package path to Runtime or ProcessBuilder", input.Part, input.Name, KeywordScanner.Around(s, java, target - java + 7), 2, Score.Critical);
    }
}

using System.Globalization;
using System.Text;

namespace Ensuresec.Workflows.Checking;

/// <summary>The report as people read it: verdicts, then each counterexample step by step with what changed.</summary>
internal static class CheckReportText
{
    public static string Format(CheckReport r)
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"workflow {r.Workflow} ({r.File})");
        sb.AppendLine(c, $"explored {r.States:N0} states and {r.Transitions:N0} transitions ({r.Deadlocks:N0} end states) in {r.ExploreTime.TotalSeconds:0.###} s, {r.StatesPerSecond:N0} states/s; {(r.Complete ? "complete" : "INCOMPLETE: " + r.StopReason)}");
        foreach (var p in r.Properties)
        {
            string verdict = p.Verdict switch { Verdict.Holds => "holds", Verdict.Fails => "FAILS", _ => "unknown" };
            string kind = p.Safety ? "safety" : p.Fair ? "liveness, weak fairness" : "ltl";
            sb.AppendLine(c, $"  {verdict,-7} {p.Name} ({kind}): {p.Formula}{(p.Note is null ? "" : "  [" + p.Note + "]")}");
        }

        foreach (var p in r.Properties.Where(p => p.Counterexample is not null))
        {
            sb.AppendLine();
            AppendTrace(sb, p.Name, p.Counterexample!);
        }

        return sb.ToString();
    }

    public static void AppendTrace(StringBuilder sb, string property, Trace t)
    {
        var c = CultureInfo.InvariantCulture;
        string shape = t.CycleStart < 0 ? $"{t.Steps.Count - 1} steps to the violation" : $"a lasso: {t.CycleStart - 1} steps, then a cycle of {t.Steps.Count - t.CycleStart} steps repeated forever";
        sb.AppendLine(c, $"counterexample for {property} ({shape}):");
        IReadOnlyList<KeyValuePair<string, string>>? previous = null;
        for (int i = 0; i < t.Steps.Count; i++)
        {
            if (i == t.CycleStart) sb.AppendLine(c, $"  -- cycle: from here on the steps repeat forever, back to the state of step {t.CycleStart - 1} --");
            var step = t.Steps[i];
            var shown = previous is null
                ? step.State
                : step.State.Where((kv, j) => previous[j].Value != kv.Value).ToList();
            string state = shown.Count == 0 ? "(no change)" : string.Join(" ", shown.Select(kv => $"{kv.Key}={kv.Value}"));
            sb.AppendLine(c, $"  {i,3}. {step.Action,-28} {state}");
            previous = step.State;
        }
    }
}

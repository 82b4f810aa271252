namespace Ensuresec.Waf.Evaluation;

/// <summary>Detection and flag rates of one group of CRS cases (a rule file, a paranoia level, all).</summary>
/// <param name="Flagged">Other (non-attack) cases with any finding.</param>
/// <param name="Refused">Other cases whose anomaly score reaches the threshold (what block mode would refuse).</param>
public sealed record ReplaySummary(string Group, int Attacks, int Detected, int Others, int Flagged, int Refused, int ModSecurityBlocked, int ModSecurityKnown)
{
    public double DetectedShare => Attacks == 0 ? 0 : (double)Detected / Attacks;

    public double FlaggedShare => Others == 0 ? 0 : (double)Flagged / Others;

    /// <summary>Groups results by a key; attack cases count towards detection, all others towards flags.</summary>
    public static List<ReplaySummary> By(IEnumerable<CaseResult> results, Func<CaseResult, string> key)
    {
        return [.. results.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Of(g.Key, g))];
    }

    public static ReplaySummary Of(string group, IEnumerable<CaseResult> results)
    {
        int attacks = 0, detected = 0, others = 0, flagged = 0, refused = 0, msBlocked = 0, msKnown = 0;
        foreach (var r in results)
        {
            if (r.Case.Kind == "attack")
            {
                attacks++;
                if (r.Detected) detected++;
                if (r.Case.ModSecurityBlocked is { } b)
                {
                    msKnown++;
                    if (b) msBlocked++;
                }
            }
            else
            {
                others++;
                if (r.Flagged) flagged++;
                if (r.Refused) refused++;
            }
        }

        return new ReplaySummary(group, attacks, detected, others, flagged, refused, msBlocked, msKnown);
    }
}

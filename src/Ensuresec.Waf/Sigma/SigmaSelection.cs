namespace Ensuresec.Waf.Sigma;

/// <summary>
/// A named search of a rule's detection: a map (every field condition must hold), a list of maps (any of them),
/// or a list of keywords (any of them appears in any field).
/// </summary>
internal sealed class SigmaSelection
{
    private readonly IReadOnlyList<IReadOnlyList<SigmaValueMatcher>> _alternatives;
    private readonly IReadOnlyList<Func<string, bool>> _keywords;
    private readonly IReadOnlyList<string?> _keywordNeedles;

    public SigmaSelection(IReadOnlyList<IReadOnlyList<SigmaValueMatcher>> alternatives, IReadOnlyList<Func<string, bool>> keywords, IReadOnlyList<string?> keywordNeedles)
    {
        _alternatives = alternatives;
        _keywords = keywords;
        _keywordNeedles = keywordNeedles;
    }

    /// <summary>Field names this search reads that our web events never carry.</summary>
    public IEnumerable<string> UnmappedFields => _alternatives.SelectMany(a => a).Where(m => !m.IsMapped).Select(m => m.Field);

    /// <summary>Literals of which one is in the event whenever this search matches; null when there are none.</summary>
    public Needles? Needles()
    {
        Needles? all = null;
        bool first = true;
        foreach (var alternative in _alternatives)
        {
            // Every field condition of the map must hold, so the most selective one is enough.
            var best = alternative.Select(m => m.Needles).Aggregate((Needles?)null, Sigma.Needles.Better);
            all = first ? best : Sigma.Needles.Union(all, best);
            first = false;
            if (all is null) return null;
        }

        foreach (string? k in _keywordNeedles)
        {
            var one = k is null ? null : Sigma.Needles.Of([k], everyRequestHasThem: false);
            all = first ? one : Sigma.Needles.Union(all, one);
            first = false;
            if (all is null) return null;
        }

        return all;
    }

    /// <summary>Whether the event matches; <paramref name="evidence"/> names the field and value that did.</summary>
    public bool Matches(WebFieldValues fields, out SigmaEvidence? evidence)
    {
        evidence = null;
        foreach (var alternative in _alternatives)
        {
            bool all = true;
            SigmaEvidence? first = null;
            foreach (var m in alternative)
            {
                if (!m.Matches(fields, out string? value))
                {
                    all = false;
                    break;
                }

                // Evidence is the most telling field: the method or status alone says little.
                if (value is not null && (first is null || !first.IsTelling)) first = new SigmaEvidence(m.Field.Length == 0 ? "keywords" : m.Field, value);
            }

            if (!all) continue;
            evidence = first;
            return true;
        }

        if (_keywords.Count == 0) return false;
        foreach (string text in fields.Texts())
        {
            foreach (var k in _keywords)
            {
                if (!k(text)) continue;
                evidence = new SigmaEvidence("keywords", text);
                return true;
            }
        }

        return false;
    }
}

/// <summary>The field (as the rule names it) and the event's value that made a search match.</summary>
public sealed record SigmaEvidence(string Field, string Value)
{
    /// <summary>Whether the value says something about the attack (not just the method, status or version).</summary>
    public bool IsTelling => Field is not ("cs-method" or "sc-status" or "cs-version");
}

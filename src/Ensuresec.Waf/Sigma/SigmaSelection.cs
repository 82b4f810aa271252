namespace Ensuresec.Waf.Sigma;

/// <summary>
/// A named search of a rule's detection: a map (every field condition must hold), a list of maps (any of them),
/// or a list of keywords (any of them appears in any field).
/// </summary>
internal sealed class SigmaSelection
{
    private readonly IReadOnlyList<IReadOnlyList<SigmaValueMatcher>> _alternatives;
    private readonly IReadOnlyList<Func<string, bool>> _keywords;

    public SigmaSelection(IReadOnlyList<IReadOnlyList<SigmaValueMatcher>> alternatives, IReadOnlyList<Func<string, bool>> keywords)
    {
        _alternatives = alternatives;
        _keywords = keywords;
    }

    public bool Matches(Func<string, string?> fields, IEnumerable<string> allValues)
    {
        foreach (var alternative in _alternatives)
        {
            bool all = true;
            foreach (var m in alternative)
            {
                if (m.Matches(fields)) continue;
                all = false;
                break;
            }

            if (all) return true;
        }

        if (_keywords.Count == 0) return false;
        foreach (string value in allValues)
        {
            foreach (var k in _keywords)
            {
                if (k(value)) return true;
            }
        }

        return false;
    }
}

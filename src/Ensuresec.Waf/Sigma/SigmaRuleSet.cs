namespace Ensuresec.Waf.Sigma;

/// <summary>Which rules run on web events: web server rules (the default), proxy rules, or all.</summary>
public enum SigmaLogsource
{
    Webserver,
    Proxy,
    All,
}

/// <summary>A rule that matched an event, and the field and value that made it match.</summary>
public sealed record SigmaMatch(SigmaRule Rule, SigmaEvidence? Evidence);

/// <summary>
/// Compiled Sigma rules with an index, so that a benign request costs a scan of its text rather than every rule.
/// Each rule is reduced at load to literals of which one must be in the event for it to match (the condition's
/// searches, their values' longest literal runs); one three-character piece of each literal keys the rule in the
/// index. An event's texts are scanned once for those pieces, and only the rules found (plus the few without
/// such literals, e.g. regular expressions alone or negations) are evaluated. Thread-safe once built.
/// </summary>
public sealed class SigmaRuleSet
{
    private readonly SigmaRule[] _rules;
    private readonly Dictionary<long, (int Rule, string Needle)[]> _index;
    private readonly ulong[] _filter = new ulong[FilterBits / 64];
    private readonly int[] _always;

    private const int FilterBits = 1 << 16;

    private SigmaRuleSet(IReadOnlyList<SigmaRule> rules, IReadOnlyList<SigmaLoader.Problem> problems, IReadOnlyList<SigmaLoader.Problem> warnings, IReadOnlyList<string> folders)
    {
        _rules = [.. rules];
        Problems = problems;
        Warnings = warnings;
        Folders = folders;
        var index = new Dictionary<long, List<(int Rule, string Needle)>>();
        var always = new List<int>();
        for (int i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].Needles?.Items is not { } needles)
            {
                always.Add(i);
                continue;
            }

            foreach (string needle in needles.Distinct(StringComparer.Ordinal))
            {
                long key = Trigrams.Rarest(needle);
                if (!index.TryGetValue(key, out var list)) index[key] = list = [];
                list.Add((i, needle));
            }
        }

        _index = index.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        foreach (long key in _index.Keys) _filter[Bit(key) >> 6] |= 1UL << (Bit(key) & 63);
        _always = [.. always];
    }

    /// <summary>The rules that loaded (and run, for the chosen logsource).</summary>
    public IReadOnlyList<SigmaRule> Rules => _rules;

    /// <summary>Rules that could not be loaded: file and reason.</summary>
    public IReadOnlyList<SigmaLoader.Problem> Problems { get; }

    /// <summary>Rules loaded but reading fields our web events do not carry: file and which fields.</summary>
    public IReadOnlyList<SigmaLoader.Problem> Warnings { get; }

    /// <summary>The folders the rules came from.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>How many rules are evaluated on every event because no literal is required for them to match.</summary>
    public int AlwaysEvaluated => _always.Length;

    /// <summary>How many rules were skipped because of their logsource (e.g. proxy rules on web server events).</summary>
    public int OtherLogsource { get; private init; }

    public static SigmaRuleSet Empty { get; } = new([], [], [], []);

    /// <summary>Loads every folder (recursively); every rule that does not load is in <see cref="Problems"/>.</summary>
    public static SigmaRuleSet Load(IReadOnlyList<string> folders, SigmaLogsource logsource = SigmaLogsource.Webserver)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var rules = new List<SigmaRule>();
        var problems = new List<SigmaLoader.Problem>();
        foreach (string folder in folders)
        {
            var result = SigmaLoader.LoadDirectory(folder);
            rules.AddRange(result.Rules.Select(r => r.WithFile(Path.Combine(folder, r.File))));
            problems.AddRange(result.Problems.Select(p => p.File == folder ? p : p with { File = Path.Combine(folder, p.File) }));
        }

        return Create(rules, problems, logsource, folders);
    }

    /// <summary>Indexes already loaded rules (those of the chosen logsource).</summary>
    public static SigmaRuleSet Create(IReadOnlyList<SigmaRule> rules, IReadOnlyList<SigmaLoader.Problem> problems, SigmaLogsource logsource, IReadOnlyList<string>? folders = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var running = rules.Where(r => logsource == SigmaLogsource.All || (logsource == SigmaLogsource.Proxy ? !r.IsWebserver : r.IsWebserver)).ToList();
        var warnings = running.Where(r => r.UnmappedFields.Count > 0)
            .Select(r => new SigmaLoader.Problem(r.File, "reads fields web events do not carry: " + string.Join(", ", r.UnmappedFields))).ToList();
        return new SigmaRuleSet(running, problems, warnings, folders ?? []) { OtherLogsource = rules.Count - running.Count };
    }

    /// <summary>Adds every rule that matches the event to <paramref name="matches"/>, in rule order.</summary>
    public void Match(WebFieldValues fields, List<SigmaMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(matches);
        if (_rules.Length == 0) return;
        Span<bool> candidate = _rules.Length <= 2048 ? stackalloc bool[_rules.Length] : new bool[_rules.Length];
        bool any = false;
        foreach (string text in fields.Texts()) any |= Scan(text, candidate);
        foreach (int i in _always) candidate[i] = any = true;
        if (!any) return;
        for (int i = 0; i < _rules.Length; i++)
        {
            if (candidate[i] && _rules[i].Matches(fields, out var evidence)) matches.Add(new SigmaMatch(_rules[i], evidence));
        }
    }

    // A rule becomes a candidate when one of its literals is in the text: its piece is looked up at every
    // position (a bit filter first), then the whole literal is checked there.
    private bool Scan(string text, Span<bool> candidate)
    {
        if (text.Length < 3) return false;
        bool any = false;
        long key = ((long)Upper(text[0]) << 16) | Upper(text[1]);
        for (int i = 2; i < text.Length; i++)
        {
            key = ((key << 16) | Upper(text[i])) & 0xFFFF_FFFF_FFFF;
            int bit = Bit(key);
            if ((_filter[bit >> 6] & (1UL << (bit & 63))) == 0 || !_index.TryGetValue(key, out var entries)) continue;
            foreach (var (rule, needle) in entries)
            {
                if (candidate[rule] || !text.Contains(needle, StringComparison.OrdinalIgnoreCase)) continue;
                candidate[rule] = true;
                any = true;
            }
        }

        return any;
    }

    private static char Upper(char c) => c < 128 ? (c is >= 'a' and <= 'z' ? (char)(c - 32) : c) : char.ToUpperInvariant(c);

    private static int Bit(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> 48);
}

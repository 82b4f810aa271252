namespace Ensuresec.Integrity.Inspect;

/// <summary>
/// Collects what the analysers see in one file: facts (at most a few per id, the first lines kept), the
/// obfuscation techniques undone, and hidden code still to analyse. Lines of nested code are reported at the
/// line of the string or block they came from.
/// </summary>
internal sealed class FactContext(IReadOnlyCollection<string> ownHosts)
{
    private const int MaxShown = 5;
    private const int MaxKept = 4096;
    private readonly Dictionary<string, List<Fact>> _facts = new(StringComparer.Ordinal);
    private int _piece = -1;

    /// <summary>The token the analyser is at; facts added now are placed there (-1: about the whole file).</summary>
    public int CurrentToken { get; set; } = -1;

    /// <summary>Starts a new piece of code (the file, an inline script, a decoded payload): token positions restart.</summary>
    public void BeginPiece()
    {
        _piece++;
        CurrentToken = -1;
    }

    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Added to every line reported, for code nested in a file (an inline script, a decoded string).</summary>
    public int LineOffset { get; set; }

    /// <summary>When set, nested code lines all map to this line of the file (code hidden in one string).</summary>
    public int? FixedLine { get; set; }

    public Dictionary<string, int> Techniques { get; } = new(StringComparer.Ordinal);

    public List<(string Code, int Line, string How, string Language)> PendingHidden { get; } = [];

    /// <summary>Normalised text of every analysed piece (deobfuscated tokens), for the user's regex facts.</summary>
    public List<(string Language, string Text, int Line)> Normalised { get; } = [];

    public IReadOnlyCollection<string> ForeignHosts => _hosts;

    public void Add(string id, int line, string evidence)
    {
        if (!_facts.TryGetValue(id, out var list)) _facts[id] = list = [];
        if (list.Count >= MaxKept) return;
        long position = CurrentToken < 0 ? -1 : (Math.Max(0, _piece) * Fact.PieceStride) + CurrentToken;
        list.Add(new Fact(id, MapLine(line), evidence, position));
    }

    public void Url(string host, int line)
    {
        if (!UrlHosts.IsForeign(host, ownHosts)) return;
        _hosts.Add(host);
        Add(FactIds.ForeignUrl, line, host);
    }

    public void Technique(string name, int count = 1) => Techniques[name] = Techniques.GetValueOrDefault(name) + count;

    public void Hidden(string code, int line, string how, string language = "js") => PendingHidden.Add((code, MapLine(line), how, language));

    public bool Has(string id) => _facts.ContainsKey(id);


    /// <summary>Every occurrence kept (up to 4,096 per fact), for the rules' proximity test.</summary>
    public IReadOnlyList<Fact> Occurrences(string id) => _facts.TryGetValue(id, out var list) ? list : [];

    /// <summary>The facts to show: the first few distinct pieces of evidence of each.</summary>
    public IEnumerable<Fact> All => _facts.Values.SelectMany(l => l.DistinctBy(f => f.Evidence).Take(MaxShown)).OrderBy(f => f.Line);

    private int MapLine(int line) => FixedLine ?? (line <= 0 ? 0 : line + LineOffset);
}

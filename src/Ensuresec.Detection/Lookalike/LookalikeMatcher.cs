namespace Ensuresec.Detection.Lookalike;

/// <summary>
/// Tells whether a domain imitates one of the brand domains, by the techniques of dnstwist's fuzzers (each recognised
/// from the difference between the two names, so no permutation list is generated) and by UTS #39 confusable
/// skeletons. Names are compared decoded (IDNA), so a punycode homoglyph is seen as the letters it shows. The brand
/// domains and their subdomains are never findings.
/// </summary>
internal sealed class LookalikeMatcher
{
    private const string Vowels = "aeiou";

    private readonly List<(string Domain, string Label, string Suffix)> _brands = [];
    private readonly DnstwistTables? _tables;
    private readonly ConfusableSkeleton? _skeleton;
    private readonly int _minLabel;
    private readonly Dictionary<string, char> _latinOf = new(StringComparer.Ordinal);

    private readonly HashSet<string> _words;

    public LookalikeMatcher(IEnumerable<string> brands, DnstwistTables? tables, ConfusableSkeleton? skeleton, int minLabelLength = 4, IEnumerable<string>? dictionary = null)
    {
        _words = new HashSet<string>((dictionary ?? []).Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0), StringComparer.Ordinal);
        ArgumentNullException.ThrowIfNull(brands);
        foreach (string b in brands)
        {
            string domain = DomainNames.Normalise(b) ?? throw new ArgumentException($"brand domain '{b}' is not a domain name", nameof(brands));
            int dot = domain.IndexOf('.', StringComparison.Ordinal);
            _brands.Add((domain, domain[..dot], domain[(dot + 1)..]));
        }

        _tables = tables;
        _skeleton = skeleton;
        _minLabel = minLabelLength;
        if (tables is null) return;
        foreach (var (latin, cyr) in tables.Cyrillic) _latinOf[cyr] = latin;
        // Every piece of every brand name gets its look-alikes now, so matching only reads (it runs on several threads).
        foreach (var b in _brands)
        {
            for (int j = 0; j < b.Label.Length; j++)
            {
                for (int k = 1; k <= 2 && j + k <= b.Label.Length; k++) Precompute(b.Label.Substring(j, k));
            }
        }
    }

    /// <summary>The first brand the host imitates, or null (also for the brands themselves and their subdomains).</summary>
    public LookalikeMatch? Match(string host)
    {
        string? h = DomainNames.Normalise(host);
        if (h is null) return null;
        foreach (var b in _brands) if (DomainNames.IsWithin(h, b.Domain)) return null;
        foreach (var b in _brands)
        {
            if (Technique(h, b.Label, b.Suffix) is { } t) return new LookalikeMatch(h, b.Domain, t.Name, t.Evidence);
        }

        return null;
    }

    private (string Name, string Evidence)? Technique(string host, string label, string suffix)
    {
        bool sameSuffix = host.EndsWith("." + suffix, StringComparison.Ordinal);
        string name = sameSuffix ? host[..^(suffix.Length + 1)] : host[..host.IndexOf('.', StringComparison.Ordinal)];
        string otherSuffix = sameSuffix ? suffix : host[(name.Length + 1)..];
        string registrable = name[(name.LastIndexOf('.') + 1)..];

        if (!sameSuffix && host.StartsWith(label + "." + suffix + ".", StringComparison.Ordinal)) return ("subdomain", $"the whole brand domain as a subdomain of {host[(label.Length + suffix.Length + 2)..]}");
        if (!sameSuffix && name == label) return ("tld-swap", $"the brand's name under .{otherSuffix} instead of .{suffix}");
        if (name.Contains('.', StringComparison.Ordinal) && name.Replace(".", "", StringComparison.Ordinal) == label) return ("subdomain", $"a dot inserted into '{label}': '{name}'");
        if (registrable == label + suffix.Replace(".", "", StringComparison.Ordinal) || registrable == label + "-" + suffix.Replace('.', '-'))
            return ("various", $"the brand's suffix joined to its name: '{registrable}'");
        if (registrable == label) return sameSuffix ? null : ("tld-swap", $"the brand's name under .{otherSuffix}");

        // dnstwist's precedence: addition and bitsquatting, then cyrillic and homoglyph, then the other single edits.
        var edit = label.Length >= _minLabel ? Single(registrable, label) : null;
        if (edit is { Name: "addition" or "bitsquatting" }) return edit;
        if (Cyrillic(registrable, label)) return ("cyrillic", $"'{registrable}' is '{label}' written with Cyrillic letters");
        if (_tables is not null && Homoglyph(registrable, label)) return ("homoglyph", $"'{registrable}' is '{label}' with look-alike characters (dnstwist homoglyph table)");
        if (edit is not null) return edit;
        if (_skeleton is not null && registrable != label && Skeleton(registrable) == Skeleton(label))
            return ("confusable", $"'{registrable}' and '{label}' have the same UTS #39 skeleton '{Skeleton(label)}'");
        if (label.Length >= _minLabel + 1 && registrable.Contains(label, StringComparison.Ordinal))
            return ("dictionary", $"'{registrable}' is the brand name '{label}' with words added");
        if (label.Contains('-', StringComparison.Ordinal) && HyphenWord(registrable, label) is { } word)
            return ("dictionary", $"'{registrable}' is '{label}' with one part replaced by the word '{word}'");
        if (label.Length >= _minLabel + 1 && name.Split('.').Any(l => l == label || l.Contains(label, StringComparison.Ordinal)))
            return ("subdomain", $"the brand name '{label}' in the subdomain '{name}'");
        return null;
    }

    /// <summary>dnstwist's dictionary fuzzer on a hyphenated name: the last part or the first replaced by a dictionary word.</summary>
    private string? HyphenWord(string r, string label)
    {
        string head = label[..(label.LastIndexOf('-') + 1)], tail = label[label.IndexOf('-', StringComparison.Ordinal)..];
        if (r.Length > head.Length && r.StartsWith(head, StringComparison.Ordinal) && _words.Contains(r[head.Length..])) return r[head.Length..];
        if (r.Length > tail.Length && r.EndsWith(tail, StringComparison.Ordinal) && _words.Contains(r[..^tail.Length])) return r[..^tail.Length];
        return null;
    }

    /// <summary>The single-edit fuzzers, in dnstwist's order of precedence where two explain the same name.</summary>
    private static (string Name, string Evidence)? Single(string r, string label)
    {
        if (r.Length == label.Length + 1)
        {
            if (r.StartsWith(label, StringComparison.Ordinal)) return ("addition", $"'{r[^1]}' appended to '{label}'");
            for (int i = 0; i < r.Length; i++)
            {
                if (string.CompareOrdinal(r, 0, label, 0, i) != 0 || string.CompareOrdinal(r, i + 1, label, i, label.Length - i) != 0) continue;
                if (r[i] == '-' && i > 0 && i < r.Length - 1) return ("hyphenation", $"a hyphen inserted into '{label}': '{r}'");
                if ((i > 0 && r[i] == r[i - 1]) || (i + 1 < r.Length && r[i] == r[i + 1])) return ("repetition", $"'{r[i]}' repeated in '{label}': '{r}'");
                return ("insertion", $"'{r[i]}' inserted into '{label}' at {i + 1}: '{r}'");
            }
        }

        if (r.Length == label.Length - 1)
        {
            for (int i = 0; i < label.Length; i++)
            {
                if (string.CompareOrdinal(label, 0, r, 0, i) == 0 && string.CompareOrdinal(label, i + 1, r, i, r.Length - i) == 0)
                    return ("omission", $"'{label[i]}' left out of '{label}': '{r}'");
            }
        }

        if (r.Length != label.Length) return null;
        int first = -1, count = 0;
        for (int i = 0; i < r.Length; i++)
        {
            if (r[i] == label[i]) continue;
            if (count++ == 0) first = i;
        }

        if (count == 2 && first + 1 < r.Length && r[first] == label[first + 1] && r[first + 1] == label[first])
            return ("transposition", $"'{label[first]}{label[first + 1]}' swapped in '{label}': '{r}'");
        if (count != 1) return null;
        char was = label[first], now = r[first];
        int xor = was ^ now;
        if (now < 128 && (xor & (xor - 1)) == 0) return ("bitsquatting", $"one bit flipped in '{was}' → '{now}' of '{label}'");
        if (Vowels.Contains(was, StringComparison.Ordinal) && Vowels.Contains(now, StringComparison.Ordinal)) return ("vowel-swap", $"vowel '{was}' → '{now}' in '{label}'");
        if (now is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') return ("replacement", $"'{was}' → '{now}' in '{label}': '{r}'");
        return null;
    }

    private bool Cyrillic(string r, string label)
    {
        if (_latinOf.Count == 0 || r.Length != label.Length) return false;
        bool any = false;
        for (int i = 0; i < r.Length; i++)
        {
            if (r[i] == label[i]) continue;
            if (!_latinOf.TryGetValue(r[i].ToString(), out char latin) || latin != label[i]) return false;
            any = true;
        }

        return any;
    }

    /// <summary>
    /// Whether the candidate is the label with some characters (or pairs such as "rn") replaced by their look-alikes:
    /// an alignment, by dynamic programming over both strings, where each piece of the label stays or becomes one
    /// of its glyphs, or a glyph of a glyph (dnstwist applies its homoglyph fuzzer twice).
    /// </summary>
    private bool Homoglyph(string r, string label)
    {
        if (r == label || r.Length > label.Length * 3) return false;
        // reach[i, j]: r[..i] aligned with label[..j]; 1 = without a substitution, 2 = with at least one.
        var reach = new byte[r.Length + 1, label.Length + 1];
        reach[0, 0] = 1;
        for (int j = 0; j < label.Length; j++)
        {
            for (int i = 0; i <= r.Length; i++)
            {
                byte here = reach[i, j];
                if (here == 0) continue;
                if (i < r.Length && r[i] == label[j]) Mark(reach, i + 1, j + 1, here);
                for (int k = 1; k <= 2 && j + k <= label.Length; k++)
                {
                    foreach (string g in Alternatives(label.Substring(j, k)))
                    {
                        if (string.CompareOrdinal(r, i, g, 0, g.Length) == 0 && i + g.Length <= r.Length) Mark(reach, i + g.Length, j + k, 2);
                    }
                }
            }
        }

        return reach[r.Length, label.Length] == 2;
    }

    private readonly Dictionary<string, List<string>> _alternatives = new(StringComparer.Ordinal);

    private List<string> Alternatives(string piece) => _alternatives.TryGetValue(piece, out var list) ? list : [];

    private void Precompute(string piece)
    {
        if (_alternatives.ContainsKey(piece)) return;
        // The piece's glyphs, then glyphs of characters inside those, up to three rounds: dnstwist runs its homoglyph
        // fuzzer twice, and one of its substitutions can put several look-alikes in place of one letter.
        var result = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new List<string> { piece };
        for (int round = 0; round < 3 && frontier.Count > 0 && result.Count < 500; round++)
        {
            var next = new List<string>();
            foreach (string f in frontier)
            {
                if (round == 0)
                {
                    if (_tables!.Glyphs.TryGetValue(f, out var first)) next.AddRange(first);
                    continue;
                }

                foreach (char c in f.Distinct())
                {
                    if (!_tables!.Glyphs.TryGetValue(c.ToString(), out var more)) continue;
                    foreach (string g in more)
                    {
                        string variant = f.Replace(c.ToString(), g, StringComparison.Ordinal);
                        if (variant.Length <= 4) next.Add(variant);
                    }
                }
            }

            frontier = next.Where(result.Add).ToList();
        }

        result.Remove(piece);
        _alternatives[piece] = result.ToList();
    }

    private static void Mark(byte[,] reach, int i, int j, byte value)
    {
        if (reach[i, j] < value) reach[i, j] = value;
    }

    /// <summary>The skeleton, lower-cased: confusables.txt maps to prototypes such as "O" for "0", and domains are caseless.</summary>
    private string Skeleton(string s) => _skeleton!.Of(s).ToLowerInvariant();
}

namespace Ensuresec.Waf.Sigma;

/// <summary>
/// The condition of a rule, parsed by recursive descent: and, or, not, parentheses, "1 of x*", "all of x*",
/// "1 of them", "all of them". Aggregations after '|' (deprecated in Sigma 2) are refused with a reason.
/// </summary>
internal abstract record SigmaCondition
{
    public abstract bool Evaluate(Func<string, bool> selection);

    /// <summary>
    /// Literals of which one is in the event whenever the condition holds, given those of each search; null when
    /// the condition can hold without any (a negation alone, a search without literals).
    /// </summary>
    public abstract Needles? Needles(Func<string, Needles?> selection);

    /// <summary>The searches whose match supports the condition (not under a 'not'): where evidence is taken from.</summary>
    public abstract void Positive(List<string> names, bool positive = true);

    public sealed record Ref(string Name) : SigmaCondition
    {
        public override bool Evaluate(Func<string, bool> selection) => selection(Name);

        public override Needles? Needles(Func<string, Needles?> selection) => selection(Name);

        public override void Positive(List<string> names, bool positive = true)
        {
            if (positive) names.Add(Name);
        }
    }

    public sealed record Not(SigmaCondition Inner) : SigmaCondition
    {
        public override bool Evaluate(Func<string, bool> selection) => !Inner.Evaluate(selection);

        public override Needles? Needles(Func<string, Needles?> selection) => null;

        public override void Positive(List<string> names, bool positive = true) => Inner.Positive(names, !positive);
    }

    public sealed record And(SigmaCondition Left, SigmaCondition Right) : SigmaCondition
    {
        public override bool Evaluate(Func<string, bool> selection) => Left.Evaluate(selection) && Right.Evaluate(selection);

        public override Needles? Needles(Func<string, Needles?> selection) => Sigma.Needles.Better(Left.Needles(selection), Right.Needles(selection));

        public override void Positive(List<string> names, bool positive = true)
        {
            Left.Positive(names, positive);
            Right.Positive(names, positive);
        }
    }

    public sealed record Or(SigmaCondition Left, SigmaCondition Right) : SigmaCondition
    {
        public override bool Evaluate(Func<string, bool> selection) => Left.Evaluate(selection) || Right.Evaluate(selection);

        public override Needles? Needles(Func<string, Needles?> selection) => Sigma.Needles.Union(Left.Needles(selection), Right.Needles(selection));

        public override void Positive(List<string> names, bool positive = true)
        {
            Left.Positive(names, positive);
            Right.Positive(names, positive);
        }
    }

    public sealed record OfSelections(bool All, IReadOnlyList<string> Names) : SigmaCondition
    {
        public override bool Evaluate(Func<string, bool> selection) => All ? Names.All(selection) : Names.Any(selection);

        public override Needles? Needles(Func<string, Needles?> selection) => All
            ? Names.Select(selection).Aggregate((Needles?)null, Sigma.Needles.Better)
            : Names.Select(selection).Skip(1).Aggregate(selection(Names[0]), Sigma.Needles.Union);

        public override void Positive(List<string> names, bool positive = true)
        {
            if (positive) names.AddRange(Names);
        }
    }

    public static SigmaCondition? Parse(string text, IReadOnlyCollection<string> names, out string? error)
    {
        error = null;
        if (text.Contains('|', StringComparison.Ordinal))
        {
            error = "aggregation expressions ('|') are not supported (deprecated in Sigma 2; use correlation rules)";
            return null;
        }

        var tokens = Tokenize(text);
        int pos = 0;
        try
        {
            var result = ParseOr(tokens, ref pos, names);
            if (pos != tokens.Count) throw new FormatException($"unexpected '{tokens[pos]}'");
            return result;
        }
        catch (FormatException e)
        {
            error = $"condition '{text}': {e.Message}";
            return null;
        }
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')') { tokens.Add(c.ToString()); i++; continue; }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')')) i++;
            tokens.Add(text[start..i]);
        }

        return tokens;
    }

    private static SigmaCondition ParseOr(List<string> t, ref int pos, IReadOnlyCollection<string> names)
    {
        var left = ParseAnd(t, ref pos, names);
        while (pos < t.Count && t[pos].Equals("or", StringComparison.OrdinalIgnoreCase))
        {
            pos++;
            left = new Or(left, ParseAnd(t, ref pos, names));
        }

        return left;
    }

    private static SigmaCondition ParseAnd(List<string> t, ref int pos, IReadOnlyCollection<string> names)
    {
        var left = ParseNot(t, ref pos, names);
        while (pos < t.Count && t[pos].Equals("and", StringComparison.OrdinalIgnoreCase))
        {
            pos++;
            left = new And(left, ParseNot(t, ref pos, names));
        }

        return left;
    }

    private static SigmaCondition ParseNot(List<string> t, ref int pos, IReadOnlyCollection<string> names)
    {
        if (pos < t.Count && t[pos].Equals("not", StringComparison.OrdinalIgnoreCase))
        {
            pos++;
            return new Not(ParseNot(t, ref pos, names));
        }

        return ParsePrimary(t, ref pos, names);
    }

    private static SigmaCondition ParsePrimary(List<string> t, ref int pos, IReadOnlyCollection<string> names)
    {
        if (pos >= t.Count) throw new FormatException("unexpected end");
        string token = t[pos++];
        if (token == "(")
        {
            var inner = ParseOr(t, ref pos, names);
            if (pos >= t.Count || t[pos] != ")") throw new FormatException("missing ')'");
            pos++;
            return inner;
        }

        if ((token == "1" || token.Equals("all", StringComparison.OrdinalIgnoreCase) || token.Equals("any", StringComparison.OrdinalIgnoreCase))
            && pos < t.Count && t[pos].Equals("of", StringComparison.OrdinalIgnoreCase))
        {
            pos++;
            if (pos >= t.Count) throw new FormatException("'of' without a target");
            string target = t[pos++];
            var matched = target.Equals("them", StringComparison.OrdinalIgnoreCase)
                ? names.Where(n => !n.StartsWith('_')).ToList()
                : names.Where(n => Wildcard.Compile(target, StringComparison.Ordinal)(n)).ToList();
            if (matched.Count == 0) throw new FormatException($"'{target}' names no search");
            return new OfSelections(token.Equals("all", StringComparison.OrdinalIgnoreCase), matched);
        }

        if (!names.Contains(token)) throw new FormatException($"unknown search '{token}'");
        return new Ref(token);
    }
}

namespace Ensuresec.Waf.Sigma;

/// <summary>
/// Upper-cased literals of which at least one is in an event whenever a rule (or part of it) matches, and how
/// selective they are: the rule index keys the rule on them, so a rule keyed on "GET" would be evaluated on nearly
/// every request. <see cref="Quality"/> is that of the weakest literal (see <see cref="Trigrams.Rarity"/>); literals
/// of the method, status and version fields, present in every request, have none.
/// </summary>
internal sealed record Needles(IReadOnlyList<string> Items, int Quality)
{
    public static Needles? Of(IReadOnlyList<string> items, bool everyRequestHasThem) =>
        items.Count == 0 ? null : new Needles(items, everyRequestHasThem ? 0 : items.Min(Trigrams.Rarity));

    /// <summary>For 'and': either side alone must hold, so the more selective one suffices.</summary>
    public static Needles? Better(Needles? a, Needles? b) =>
        a is null ? b : b is null ? a
        : a.Quality != b.Quality ? (a.Quality > b.Quality ? a : b)
        : a.Items.Count <= b.Items.Count ? a : b;

    /// <summary>For 'or': one side or the other, so the literals of both (and none if either has none).</summary>
    public static Needles? Union(Needles? a, Needles? b) =>
        a is null || b is null ? null : new Needles([.. a.Items, .. b.Items], Math.Min(a.Quality, b.Quality));
}

/// <summary>Three-character pieces of text as index keys, and how rare a piece is in ordinary requests.</summary>
internal static class Trigrams
{
    public static long Key(char a, char b, char c) => ((long)a << 32) | ((long)b << 16) | c;

    /// <summary>
    /// The literal's three-character piece least likely in ordinary requests: characters common in every URL
    /// ('/', '.', '-', '=', '&amp;', space) weigh least, letters and digits more, anything else most.
    /// </summary>
    public static long Rarest(string literal)
    {
        long best = 0;
        int bestScore = -1;
        for (int i = 0; i + 3 <= literal.Length; i++)
        {
            int score = Weight(literal[i]) + Weight(literal[i + 1]) + Weight(literal[i + 2]);
            if (score <= bestScore) continue;
            bestScore = score;
            best = Key(literal[i], literal[i + 1], literal[i + 2]);
        }

        return best;
    }

    /// <summary>The score of <see cref="Rarest"/>'s piece (0 to 15).</summary>
    public static int Rarity(string literal)
    {
        int best = 0;
        for (int i = 0; i + 3 <= literal.Length; i++) best = Math.Max(best, Weight(literal[i]) + Weight(literal[i + 1]) + Weight(literal[i + 2]));
        return best;
    }

    private static int Weight(char c) => c switch
    {
        '/' or '.' or '-' or '=' or '&' or '?' or '_' or ' ' => 0,
        >= 'A' and <= 'Z' or >= '0' and <= '9' => 2,
        _ => 5,
    };
}

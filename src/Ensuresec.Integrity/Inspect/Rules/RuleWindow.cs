namespace Ensuresec.Integrity.Inspect.Rules;

/// <summary>
/// Finds one fact per group such that the positioned ones lie within a window of tokens of one another (the
/// smallest-range-covering-k-lists sweep). A group that has a file-wide fact is satisfied by it anywhere.
/// </summary>
internal static class RuleWindow
{
    public static IReadOnlyList<Fact>? Find(IReadOnlyList<List<Fact>> groups, int within)
    {
        var chosen = new Fact?[groups.Count];
        var tagged = new List<(long Position, int Group, Fact Fact)>();
        int needed = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            var wide = groups[g].Find(f => f.IsFileWide);
            if (wide is not null) { chosen[g] = wide; continue; }
            needed++;
            foreach (var f in groups[g]) tagged.Add((f.Position, g, f));
        }

        if (needed == 0) return [.. chosen!];
        tagged.Sort((a, b) => a.Position.CompareTo(b.Position));
        var counts = new int[groups.Count];
        int covered = 0, left = 0;
        for (int right = 0; right < tagged.Count; right++)
        {
            if (counts[tagged[right].Group]++ == 0) covered++;
            while (tagged[right].Position - tagged[left].Position > within)
            {
                if (--counts[tagged[left].Group] == 0) covered--;
                left++;
            }

            if (covered < needed) continue;
            for (int k = right; k >= left; k--)
            {
                chosen[tagged[k].Group] ??= tagged[k].Fact;
            }

            return [.. chosen!];
        }

        return null;
    }
}

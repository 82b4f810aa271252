namespace Ensuresec.Detection.Common;

/// <summary>
/// The events of one key over a sliding time span: totals, two flags (e.g. failed, small amount) and
/// counts per sub-key (account, card, path), updated in O(1) as events enter and leave. Bounded by
/// <c>maxEntries</c>: past it the oldest entries leave early, so memory stays fixed under a flood.
/// </summary>
internal sealed class SlidingWindow(TimeSpan span, int maxEntries)
{
    private readonly Queue<Entry> _entries = new();
    private readonly Dictionary<string, int> _perKey = new(StringComparer.Ordinal);
    private long _latest = long.MinValue;

    public int Total { get; private set; }

    public int Flagged { get; private set; }

    public int Flagged2 { get; private set; }

    public int DistinctKeys => _perKey.Count;

    public IReadOnlyDictionary<string, int> PerKey => _perKey;

    public DateTimeOffset LastSeen => _latest == long.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(_latest, TimeSpan.Zero);

    public void Add(DateTimeOffset at, string? key, bool flag, bool flag2, string eventId)
    {
        long t = at.UtcTicks;
        if (t > _latest) _latest = t;
        _entries.Enqueue(new Entry(t, key, flag, flag2, eventId));
        Total++;
        if (flag) Flagged++;
        if (flag2) Flagged2++;
        if (key is not null) _perKey[key] = _perKey.GetValueOrDefault(key) + 1;
        while (_entries.Count > maxEntries) RemoveOldest();
        Prune(new DateTimeOffset(_latest, TimeSpan.Zero));
    }

    /// <summary>Drops the entries older than the span before <paramref name="now"/>.</summary>
    public void Prune(DateTimeOffset now)
    {
        long cutoff = now.UtcTicks - span.Ticks;
        // Entries arrive nearly in time order; an early straggler behind a newer head leaves with it.
        while (_entries.Count > 0 && _entries.Peek().Ticks <= cutoff) RemoveOldest();
    }

    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Evidence from the entries matching <paramref name="include"/>, oldest first.</summary>
    public Evidence Collect(Func<bool, bool, string?, bool> include)
    {
        var evidence = new Evidence();
        foreach (var e in _entries)
        {
            if (include(e.Flag, e.Flag2, e.Key)) evidence.Add(e.EventId, new DateTimeOffset(e.Ticks, TimeSpan.Zero));
        }

        return evidence;
    }

    /// <summary>The distinct sub-keys of the entries matching <paramref name="include"/>, in order of first appearance.</summary>
    public List<string> KeysWhere(Func<bool, bool, bool> include, int max)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var e in _entries)
        {
            if (keys.Count >= max) break;
            if (e.Key is not null && include(e.Flag, e.Flag2) && seen.Add(e.Key)) keys.Add(e.Key);
        }

        return keys;
    }

    /// <summary>The largest count of any one sub-key.</summary>
    public int MaxPerKey() => _perKey.Count == 0 ? 0 : _perKey.Values.Max();

    private void RemoveOldest()
    {
        var e = _entries.Dequeue();
        Total--;
        if (e.Flag) Flagged--;
        if (e.Flag2) Flagged2--;
        if (e.Key is not null)
        {
            int n = _perKey[e.Key] - 1;
            if (n == 0) _perKey.Remove(e.Key);
            else _perKey[e.Key] = n;
        }
    }

    private readonly record struct Entry(long Ticks, string? Key, bool Flag, bool Flag2, string EventId);
}

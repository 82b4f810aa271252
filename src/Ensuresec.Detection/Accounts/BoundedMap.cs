namespace Ensuresec.Detection.Accounts;

/// <summary>
/// A map from attacker-controlled keys (addresses, devices, codes, e-mail domains) to per-key state that never
/// holds more than <see cref="Capacity"/> keys: adding a key to a full map forgets the least recently touched one.
/// Keys are touched in event-time order, so the least recently touched is also the one idle longest, which
/// <see cref="ForgetIdle"/> removes first.
/// </summary>
internal sealed class BoundedMap<TValue>(int capacity)
    where TValue : class
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _byTouch = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _index.Count;

    /// <summary>How many keys were forgotten because the map was full.</summary>
    public long Evicted { get; private set; }

    public TValue? Find(string key) => _index.TryGetValue(key, out var node) ? node.Value.Value : null;

    /// <summary>The state of <paramref name="key"/>, made by <paramref name="create"/> if new; marks it touched at <paramref name="at"/>.</summary>
    public TValue Touch(string key, DateTimeOffset at, Func<TValue> create)
    {
        if (_index.TryGetValue(key, out var node))
        {
            _byTouch.Remove(node);
            node.Value.At = at;
            _byTouch.AddLast(node);
            return node.Value.Value;
        }

        if (_index.Count >= Capacity)
        {
            _index.Remove(_byTouch.First!.Value.Key);
            _byTouch.RemoveFirst();
            Evicted++;
        }

        var entry = new Entry(key, create()) { At = at };
        _index[key] = _byTouch.AddLast(entry);
        return entry.Value;
    }

    /// <summary>Forgets every key last touched before <paramref name="horizon"/>.</summary>
    public void ForgetIdle(DateTimeOffset horizon)
    {
        while (_byTouch.First is { } first && first.Value.At < horizon)
        {
            _index.Remove(first.Value.Key);
            _byTouch.RemoveFirst();
        }
    }

    public IEnumerable<TValue> Values => _byTouch.Select(e => e.Value);

    private sealed class Entry(string key, TValue value)
    {
        public string Key { get; } = key;

        public TValue Value { get; } = value;

        public DateTimeOffset At { get; set; }
    }
}

namespace Ensuresec.Detection.Takeover;

/// <summary>A small set of values with the times each was first and last seen; past its capacity the stalest leaves.</summary>
internal sealed class RecentSet(int capacity)
{
    private readonly List<(string Value, DateTimeOffset First, DateTimeOffset Seen)> _items = new(2);

    public int Count => _items.Count;

    public bool Contains(string value) => _items.Exists(i => i.Value == value);

    /// <summary>When the value was first seen, or null when it is not (or no longer) in the set.</summary>
    public DateTimeOffset? FirstSeen(string value)
    {
        int i = _items.FindIndex(x => x.Value == value);
        return i < 0 ? null : _items[i].First;
    }

    /// <summary>True if some other value was first seen before <paramref name="before"/>.</summary>
    public bool AnyOtherBefore(string value, DateTimeOffset before) => _items.Exists(i => i.Value != value && i.First < before);

    public void Touch(string value, DateTimeOffset at)
    {
        int i = _items.FindIndex(x => x.Value == value);
        if (i >= 0)
        {
            var item = _items[i];
            _items[i] = (value, at < item.First ? at : item.First, at > item.Seen ? at : item.Seen);
            return;
        }

        if (_items.Count >= capacity)
        {
            int stalest = 0;
            for (int j = 1; j < _items.Count; j++)
            {
                if (_items[j].Seen < _items[stalest].Seen) stalest = j;
            }

            _items.RemoveAt(stalest);
        }

        _items.Add((value, at, at));
    }
}

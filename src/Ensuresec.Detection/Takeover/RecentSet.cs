namespace Ensuresec.Detection.Takeover;

/// <summary>A small set of values with the time each was last seen; past its capacity the stalest leaves.</summary>
internal sealed class RecentSet(int capacity)
{
    private readonly List<(string Value, DateTimeOffset Seen)> _items = new(2);

    public int Count => _items.Count;

    public bool Contains(string value) => _items.Exists(i => i.Value == value);

    public void Touch(string value, DateTimeOffset at)
    {
        int i = _items.FindIndex(x => x.Value == value);
        if (i >= 0)
        {
            if (at > _items[i].Seen) _items[i] = (value, at);
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

        _items.Add((value, at));
    }
}

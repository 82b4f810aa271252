namespace Ensuresec.Detection.Common;

/// <summary>The event ids behind a finding: the first few kept, all counted.</summary>
internal sealed class Evidence
{
    /// <summary>Most event ids a finding carries; <see cref="Count"/> keeps the full number.</summary>
    public const int MaxIds = 20;

    private readonly List<string> _ids = new(4);

    public int Count { get; private set; }

    public DateTimeOffset FirstSeen { get; private set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset LastSeen { get; private set; } = DateTimeOffset.MinValue;

    public IReadOnlyList<string> Ids => _ids;

    public string FirstId => _ids.Count > 0 ? _ids[0] : string.Empty;

    public void Add(string eventId, DateTimeOffset at)
    {
        Count++;
        if (_ids.Count < MaxIds) _ids.Add(eventId);
        if (at < FirstSeen) FirstSeen = at;
        if (at > LastSeen) LastSeen = at;
    }

    public void Clear()
    {
        _ids.Clear();
        Count = 0;
        FirstSeen = DateTimeOffset.MaxValue;
        LastSeen = DateTimeOffset.MinValue;
    }
}

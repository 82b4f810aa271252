namespace Ensuresec.Detection.Fraud;

/// <summary>Recent events of one card, customer, device, address or merchant: time, a flag, an amount and who/what.</summary>
internal sealed class TimedEvents(int maxEntries)
{
    private readonly Queue<(DateTimeOffset At, bool Flag, decimal Amount, string? Other)> _items = new();

    public DateTimeOffset LastSeen { get; private set; }

    public void Add(DateTimeOffset at, bool flag, decimal amount, string? other)
    {
        _items.Enqueue((at, flag, amount, other));
        if (_items.Count > maxEntries) _items.Dequeue();
        LastSeen = at;
    }

    public void Prune(DateTimeOffset horizon)
    {
        while (_items.Count > 0 && _items.Peek().At < horizon) _items.Dequeue();
    }

    public int Count(DateTimeOffset since) => _items.Count(i => i.At >= since);

    public int Flagged(DateTimeOffset since) => _items.Count(i => i.At >= since && i.Flag);

    public decimal Amount(DateTimeOffset since) => _items.Where(i => i.At >= since).Sum(i => i.Amount);

    public int Distinct(DateTimeOffset since, string? besides) =>
        _items.Where(i => i.At >= since && i.Other is not null).Select(i => i.Other).Append(besides).Where(o => o is not null).Distinct(StringComparer.Ordinal).Count();
}

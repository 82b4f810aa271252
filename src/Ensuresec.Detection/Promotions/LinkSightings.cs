namespace Ensuresec.Detection.Promotions;

/// <summary>
/// What one device, card, address or network address was seen doing: the accounts that used it, and the codes
/// redeemed through it, the most recent <c>maxEntries</c> of each within the window.
/// </summary>
internal sealed class LinkSightings(int maxEntries)
{
    private readonly Queue<(DateTimeOffset At, string Account)> _accounts = new();
    private readonly Queue<Redemption> _redemptions = new();

    public int Size => _accounts.Count + _redemptions.Count;

    public void Saw(DateTimeOffset at, string account)
    {
        _accounts.Enqueue((at, account));
        if (_accounts.Count > maxEntries) _accounts.Dequeue();
    }

    public void Redeemed(Redemption redemption)
    {
        _redemptions.Enqueue(redemption);
        if (_redemptions.Count > maxEntries) _redemptions.Dequeue();
    }

    public bool Used(string account, DateTimeOffset since) =>
        _accounts.Any(s => s.At >= since && s.Account == account) || _redemptions.Any(r => r.At >= since && r.Account == account);

    /// <summary>The latest redemption of <paramref name="code"/> by each account other than <paramref name="besides"/> since then.</summary>
    public IEnumerable<Redemption> OthersRedeeming(string code, string besides, DateTimeOffset since) =>
        _redemptions.Where(r => r.At >= since && r.Code == code && r.Account != besides).GroupBy(r => r.Account, StringComparer.Ordinal).Select(g => g.Last());

    public void Prune(DateTimeOffset horizon)
    {
        while (_accounts.Count > 0 && _accounts.Peek().At < horizon) _accounts.Dequeue();
        while (_redemptions.Count > 0 && _redemptions.Peek().At < horizon) _redemptions.Dequeue();
    }
}

/// <summary>One accepted code: when, by whom, which code, and the event (evidence).</summary>
internal sealed record Redemption(DateTimeOffset At, string Account, string Code, string EventId);

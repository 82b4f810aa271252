using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Payments;

/// <summary>
/// The recent payment attempts of one address or account, kept so that the attempts of customers paying for
/// themselves can be told from probes. A customer is an account that pays with one or two cards of its own at
/// ordinary amounts; the many customers behind a shared address (a carrier NAT, a university) are many accounts
/// each with its own card, while a card tester cycles many cards through a guest checkout or a few accounts, at
/// small amounts. Bounded like the sliding windows: past the span or <c>maxEntries</c> the oldest attempts leave.
/// </summary>
internal sealed class PaymentAttempts(TimeSpan span, int maxEntries)
{
    private readonly Queue<Attempt> _attempts = new();

    public void Add(DateTimeOffset at, string? account, string? card, bool failed, bool small, string eventId)
    {
        _attempts.Enqueue(new Attempt(at.UtcTicks, account, card, failed, small, eventId));
        while (_attempts.Count > maxEntries) _attempts.Dequeue();
        long cutoff = at.UtcTicks - span.Ticks;
        while (_attempts.Count > 0 && _attempts.Peek().Ticks <= cutoff) _attempts.Dequeue();
    }

    /// <summary>
    /// The attempts within <paramref name="window"/> before <paramref name="now"/> that are not a customer's own
    /// payments, with the number of customers left out.
    /// </summary>
    public Probes ProbesWithin(DateTimeOffset now, TimeSpan window, int maxCardsPerCustomer)
    {
        long after = now.UtcTicks - window.Ticks;
        var byAccount = new Dictionary<string, (HashSet<string> Cards, bool AnySmall)>(StringComparer.Ordinal);
        foreach (var a in _attempts)
        {
            if (a.Ticks <= after || a.Account is null) continue;
            if (!byAccount.TryGetValue(a.Account, out var seen)) byAccount[a.Account] = seen = (new HashSet<string>(StringComparer.Ordinal), false);
            if (a.Card is not null) seen.Cards.Add(a.Card);
            if (a.Small) byAccount[a.Account] = (seen.Cards, true);
        }

        var customers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (account, seen) in byAccount)
        {
            if (seen.Cards.Count <= maxCardsPerCustomer && !seen.AnySmall) customers.Add(account);
        }

        var probes = new Probes { Customers = customers.Count };
        foreach (var a in _attempts)
        {
            if (a.Ticks <= after || (a.Account is not null && customers.Contains(a.Account))) continue;
            probes.Add(a);
        }

        return probes;
    }

    internal readonly record struct Attempt(long Ticks, string? Account, string? Card, bool Failed, bool Small, string EventId);

    /// <summary>The attempts that may be probes: their count, declines, small amounts, distinct cards and evidence.</summary>
    internal sealed class Probes
    {
        private readonly List<string> _cards = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public int Total { get; private set; }

        public int Failed { get; private set; }

        public int Small { get; private set; }

        /// <summary>Accounts paying with their own one or two cards at ordinary amounts, left out of the counts.</summary>
        public int Customers { get; init; }

        public int DistinctCards => _cards.Count;

        /// <summary>The distinct cards in order of first use.</summary>
        public IReadOnlyList<string> Cards => _cards;

        public Evidence Evidence { get; } = new();

        public double FailRatio => Total == 0 ? 0 : Failed / (double)Total;

        public double SmallShare => Total == 0 ? 0 : Small / (double)Total;

        public void Add(Attempt a)
        {
            var at = new DateTimeOffset(a.Ticks, TimeSpan.Zero);
            Total++;
            if (a.Failed) Failed++;
            if (a.Small) Small++;
            if (a.Card is not null && _seen.Add(a.Card)) _cards.Add(a.Card);
            Evidence.Add(a.EventId, at);
        }
    }
}

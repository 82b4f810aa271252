using System.Globalization;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Accounts;

/// <summary>
/// ES-ACC-001: a burst of new accounts from one source: a network address, its /24 (IPv6 /64), a device, an e-mail
/// domain, one mailbox (plus-addressing), a numbered local-part stem, a full name, or a class of addresses
/// (throw-away domains, machine-made local parts). A source's expected count in a window is its share of the site's
/// sign-ups in its own fading history (a prior share for a source never seen) times the site's sign-ups in the window,
/// so a marketing campaign that multiplies every source's sign-ups does not fire, and one source far above its
/// share does. A source that may rightly carry a crowd (an address, a network, an e-mail domain) must also show
/// accounts made by one hand (a shared device, name, stem or mailbox, throw-away domains, machine-made local parts),
/// unless its count is overwhelming: a campaign aimed at students raises their university NAT's share, and the
/// people behind it share nothing but the address. Two windows: a fast burst (1 h) and a slow one (24 h). The finding carries a score with its reasons
/// in words. ATT&amp;CK T1585 (Establish Accounts); OWASP OAT-019 (Account Creation).
/// One key for all sign-ups (the site's count is every source's denominator); every map is bounded.
/// </summary>
internal sealed class AccountBurstDetector : IDetector
{
    public const string DetectorName = "account-burst";
    public const string Rule = "ES-ACC-001";
    public const string Technique = "T1585";
    private const int MaxValue = 128;
    private static readonly DetectorKey Key = new(0, "sign-ups");

    private readonly AccountBurstOptions _o;
    private readonly BoundedMap<Source> _sources;
    private readonly SignupCounts _site;
    private readonly HashSet<string> _disposable;

    public AccountBurstDetector(AccountBurstOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check.ThrowIfInvalid(options.Validate(), nameof(options));
        _o = options;
        _sources = new BoundedMap<Source>(options.MaxKeys);
        _site = new SignupCounts(options.LongWindow, options.HistoryHalfLife);
        _disposable = new HashSet<string>(SignupEmail.KnownDisposable.Concat(options.DisposableDomains.Select(d => d.Trim().ToLowerInvariant())), StringComparer.Ordinal);
    }

    public string Name => DetectorName;

    /// <summary>Sources remembered, for the bounded-memory tests.</summary>
    internal int StateKeys => _sources.Count;

    /// <summary>Sign-ups remembered over all sources, for the bounded-memory tests.</summary>
    internal long StateEntries => _sources.Values.Sum(s => (long)s.Recent.Count);

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (e.Action == EventActions.AccountCreate && e.Outcome != EventOutcomes.Failure) keys.Add(Key);
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        var t = e.Timestamp;
        var email = SignupEmail.Parse(e.UserEmail ?? e.GetString("user.email"), _disposable);
        var signup = new Signup(t, Cut(e.UserName) ?? Cut(e.UserEmail) ?? e.Id, e.Id, Cut(e.SourceIp), Cut(e.GetString("device.id")), NameKey(e.GetString("user.full_name")), email);
        _site.Add(t);
        var candidates = new List<Candidate>();
        var touched = new List<Source>();
        foreach (var (kind, value) in SourceKeys(signup))
        {
            var source = _sources.Touch(kind.Prefix + ":" + value, t, () => new Source());
            touched.Add(source);
            source.Retire(t - _o.LongWindow, t, _o.HistoryHalfLife);
            source.Recent.Enqueue(signup);
            if (source.Recent.Count > _o.MaxEntriesPerKey) source.History.Add(1, source.Recent.Dequeue().At, t, _o.HistoryHalfLife);
            Consider(candidates, kind, value, source, t, isLong: false);
            Consider(candidates, kind, value, source, t, isLong: true);
        }

        if (candidates.Count == 0) return;
        var best = candidates.MaxBy(c => c.Surprise)!;
        // One finding per burst: every source of this sign-up is reported for both windows, so the burst's other
        // sources (its other addresses, its device, its domain) do not report it again as they cross the line.
        foreach (var source in touched)
        {
            source.MarkReported(isLong: false, t);
            source.MarkReported(isLong: true, t);
        }

        Emit(e, best, candidates, t, findings);
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        // A source's history outlives its sign-ups by a few half-lives; then it is ordinary again.
        _sources.ForgetIdle(now - _o.LongWindow - (4 * _o.HistoryHalfLife));
        foreach (var source in _sources.Values) source.Retire(now - _o.LongWindow, now, _o.HistoryHalfLife);
    }

    private void Consider(List<Candidate> candidates, SourceKind kind, string value, Source source, DateTimeOffset t, bool isLong)
    {
        var window = isLong ? _o.LongWindow : _o.ShortWindow;
        if (source.Reported(isLong, window, t)) return;
        int observed = 0;
        foreach (var s in source.Recent)
        {
            if (s.At > t - window) observed++;
        }

        if (observed < (kind.Prefix == 'b' ? _o.MinSameMailbox : _o.MinAccounts)) return;
        double siteBefore = _site.Before(t, window);

        // Sources that may rightly carry a large share (a NAT, a webmail domain) are judged only once the site has a
        // history to take shares from; a mailbox, a stem, a name or a device never rightly carries many sign-ups.
        if (kind.NeedsHistory && siteBefore < _o.WarmUp) return;
        double before = source.History.Value(t, _o.HistoryHalfLife) + (source.Recent.Count - observed);
        double share = (before + (_o.PriorWeight * _o.PriorShare)) / (siteBefore + _o.PriorWeight);

        // A NAT or a webmail domain seen rarely so far may still rightly carry the prior share: never expect less of it.
        if (kind.NeedsHistory) share = Math.Max(share, _o.PriorShare);
        double expected = _site.Within(t, window) * share;
        double surprise = Poisson.Surprise(observed, expected);
        if (surprise < _o.MinSurprise || observed < _o.MinRatio * expected) return;

        // A shared source's count alone does not tell a crowd from a burst: a campaign aimed at one group shifts the
        // site's mix towards its NAT or its webmail domain. The accounts must also look made by one hand, unless the
        // count is beyond what any shift of the mix explains.
        if (kind.NeedsHistory && surprise < _o.MinCrowdSurprise && CommonShare(source.Recent.Where(s => s.At > t - window).ToList()) < _o.MinCommonShare) return;
        candidates.Add(new Candidate(kind, value, source, isLong, window, observed, expected, surprise));
    }

    // The largest share of the accounts that have one trait in common (the score's features other than the surprise).
    private static double CommonShare(List<Signup> members)
    {
        var row = Features(members, 0);
        double largest = 0;
        for (int i = 1; i < row.Length; i++) largest = Math.Max(largest, row[i]);
        return largest;
    }

    private void Emit(SecurityEvent e, Candidate best, List<Candidate> all, DateTimeOffset t, IFindingSink findings)
    {
        var members = best.Source.Recent.Where(s => s.At > t - best.Window).ToList();
        var row = Features(members, best.Surprise);
        double score = BurstScore.Model.Score(row);
        var reasons = BurstScore.Model.Reasons(row, _o.Reasons);
        var evidence = new Evidence();
        foreach (var m in members) evidence.Add(m.EventId, m.At);
        var entities = new List<Entity>();
        if (best.Kind.Prefix == 'd') entities.Add(new Entity("device.id", best.Value));
        foreach (var ip in members.Select(m => m.Ip).OfType<string>().Distinct(StringComparer.Ordinal).Take(5)) entities.Add(Entity.Ip(ip));
        foreach (var account in members.Select(m => m.Account).Distinct(StringComparer.Ordinal).Take(20)) entities.Add(Entity.User(account));
        string also = all.Count > 1
            ? "; also above their history: " + string.Join(", ", all.Where(c => c != best).Select(c => c.Kind.Words + " " + Text.Quote(c.Value)).Distinct(StringComparer.Ordinal).Take(4))
            : string.Empty;
        string text = string.Create(CultureInfo.InvariantCulture,
            $"{best.Observed} new accounts from {best.Kind.Words} {Text.Quote(best.Value)} in {Text.Duration(t - members[0].At)} (window {Text.Duration(best.Window)}), {best.Expected:0.##} expected from its share of the site's sign-ups; scored {score:0.00}: {string.Join("; ", reasons)}{also} (mass account creation, OWASP OAT-019)");
        var severity = best.Observed >= 20 || score >= 0.97 ? Severity.High : Severity.Medium;
        findings.Emit(FindingBuilder.Create(DetectorName, Rule, Technique, severity, Math.Round(score, 3), best.Kind.Prefix + ":" + best.Value, text, evidence,
            best.Source.Firings, entities, t, evidence.Count));
    }

    private static float[] Features(List<Signup> members, double surprise)
    {
        var row = new float[BurstScore.Model.Names.Count];
        float n = members.Count;
        row[0] = (float)surprise;
        row[1] = members.Count(m => m.Email?.Disposable == true) / n;
        row[2] = members.Count(m => m.Email?.PlusAddressed == true) / n;
        var stems = members.Where(m => m.Email?.Stem is not null).GroupBy(m => m.Email!.Stem, StringComparer.Ordinal).Where(g => g.Count() >= 2);
        row[3] = stems.Sum(g => g.Count()) / n;
        row[4] = members.Count(m => m.Email?.RandomLooking == true) / n;
        row[5] = Largest(members.Select(m => m.Device)) / n;
        row[6] = Largest(members.Select(m => m.Name)) / n;
        return row;
    }

    // The size of the largest group of equal values when it has two or more; 0 otherwise.
    private static int Largest(IEnumerable<string?> values)
    {
        int largest = values.OfType<string>().GroupBy(v => v, StringComparer.Ordinal).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        return largest >= 2 ? largest : 0;
    }

    private static IEnumerable<(SourceKind Kind, string Value)> SourceKeys(Signup s)
    {
        if (s.Ip is not null)
        {
            yield return (SourceKind.Address, s.Ip);
            string network = NetworkPrefix.Of(s.Ip);
            if (network != s.Ip) yield return (SourceKind.Network, network);
        }

        if (s.Device is not null) yield return (SourceKind.Device, s.Device);
        if (s.Name is not null) yield return (SourceKind.Name, s.Name);
        if (s.Email is not { } email) yield break;
        yield return (SourceKind.Domain, Cut(email.Domain)!);
        yield return (SourceKind.Mailbox, Cut(email.Mailbox)!);
        if (email.Stem is not null) yield return (SourceKind.Stem, Cut(email.Stem)!);
        if (email.Disposable) yield return (SourceKind.Class, "throw-away domains");
        if (email.RandomLooking) yield return (SourceKind.MachineMade, "machine-made local parts");
    }

    // Lower-case letters only, single spaces: "Anna  SMITH" and "anna smith" are one name.
    private static string? NameKey(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var words = (name.Length > MaxValue ? name[..MaxValue] : name).ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsLetter)]))
            .Where(w => w.Length > 0);
        string key = string.Join(' ', words);
        return key.Length >= 3 ? key : null;
    }

    private static string? Cut(string? value) => string.IsNullOrEmpty(value) ? null : value.Length > MaxValue ? value[..MaxValue] : value;

    private sealed record Signup(DateTimeOffset At, string Account, string EventId, string? Ip, string? Device, string? Name, SignupEmail? Email);

    private sealed record Candidate(SourceKind Kind, string Value, Source Source, bool IsLong, TimeSpan Window, int Observed, double Expected, double Surprise);

    /// <summary>A kind of source: its key prefix, its name in words, and whether it may rightly carry a large share.</summary>
    private sealed record SourceKind(char Prefix, string Words, bool NeedsHistory)
    {
        public static readonly SourceKind Address = new('i', "network address", true);
        public static readonly SourceKind Network = new('n', "network", true);
        public static readonly SourceKind Device = new('d', "device", false);
        public static readonly SourceKind Name = new('f', "name", false);
        public static readonly SourceKind Domain = new('m', "e-mail domain", true);
        public static readonly SourceKind Mailbox = new('b', "mailbox", false);
        public static readonly SourceKind Stem = new('s', "local-part stem", false);
        public static readonly SourceKind Class = new('x', "addresses at", false);
        public static readonly SourceKind MachineMade = new('r', "addresses with", true);
    }

    private sealed class Source
    {
        private DateTimeOffset _reportedShort = DateTimeOffset.MinValue, _reportedLong = DateTimeOffset.MinValue;

        public Queue<Signup> Recent { get; } = new();

        public FadingCount History { get; } = new();

        public int Firings { get; private set; }

        /// <summary>Sign-ups older than the long window leave the queue for the fading history.</summary>
        public void Retire(DateTimeOffset horizon, DateTimeOffset now, TimeSpan halfLife)
        {
            while (Recent.Count > 0 && Recent.Peek().At <= horizon) History.Add(1, Recent.Dequeue().At, now, halfLife);
        }

        /// <summary>Whether this source was reported for the window (short or long) less than a window ago.</summary>
        public bool Reported(bool isLong, TimeSpan window, DateTimeOffset now)
        {
            var at = isLong ? _reportedLong : _reportedShort;
            return at != DateTimeOffset.MinValue && now - at < window;
        }

        public void MarkReported(bool isLong, DateTimeOffset now)
        {
            Firings++;
            if (isLong) _reportedLong = now;
            else _reportedShort = now;
        }
    }
}

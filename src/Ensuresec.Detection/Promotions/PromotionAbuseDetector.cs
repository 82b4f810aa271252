using System.Globalization;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Core.Pipeline;
using Ensuresec.Detection.Accounts;
using Ensuresec.Detection.Common;

namespace Ensuresec.Detection.Promotions;

/// <summary>
/// Promotion abuse. ES-PRM-001: a code redeemed by an account that shares a device, card, shipping address
/// (normalised by <see cref="AddressKey"/>) or network address with other accounts that redeemed the same code
/// within the window, scored with the account's age and whether the code is single-use (one customer using a
/// first-order promotion through several new accounts). ES-PRM-002: referral self-dealing, a referral code whose
/// referee shares a device, card or address with the referrer. ES-PRM-003: code guessing, many refused codes from
/// one network address, device or account (OWASP OAT-002, token cracking). ATT&amp;CK T1657 (Financial Theft).
/// Logins, payments and account creations feed which accounts used which device, card and network address.
/// All events share one key so those histories meet; every map is bounded (<see cref="BoundedMap{TValue}"/>).
/// </summary>
internal sealed class PromotionAbuseDetector : IDetector
{
    public const string DetectorName = "promotion-abuse";
    public const string LinkedRule = "ES-PRM-001";
    public const string ReferralRule = "ES-PRM-002";
    public const string GuessingRule = "ES-PRM-003";
    public const string Technique = "T1657";
    private const int MaxLinksPerAccount = 16;
    private static readonly DetectorKey Key = new(0, "promotions");

    // The link kinds, in the order of the redemption features.
    private static readonly (char Prefix, string Words)[] Kinds = [('d', "device"), ('c', "card"), ('a', "address"), ('i', "network address")];

    private readonly PromotionAbuseOptions _o;
    private readonly BoundedMap<LinkSightings> _links;
    private readonly BoundedMap<AccountLinks> _accounts;
    private readonly BoundedMap<Queue<(DateTimeOffset At, string Code, string EventId)>> _refused;
    private readonly BoundedMap<Reported> _reported;

    public PromotionAbuseDetector(PromotionAbuseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Check.ThrowIfInvalid(options.Validate(), nameof(options));
        _o = options;
        _links = new(options.MaxKeys);
        _accounts = new(options.MaxKeys);
        _refused = new(options.MaxKeys);
        _reported = new(options.MaxKeys);
    }

    public string Name => DetectorName;

    /// <summary>Keys held in all maps together, for the bounded-memory tests.</summary>
    internal int StateKeys => _links.Count + _accounts.Count + _refused.Count + _reported.Count;

    public void SelectKeys(SecurityEvent e, List<DetectorKey> keys)
    {
        if (string.IsNullOrEmpty(e.UserName) && e.Action != EventActions.PromotionRedeem) return;
        if (e.Action is EventActions.PromotionRedeem or EventActions.AccountCreate or EventActions.PaymentAttempt
            || (e.Action == EventActions.Login && e.Outcome == EventOutcomes.Success)) keys.Add(Key);
    }

    public void Observe(SecurityEvent e, DetectorKey key, IFindingSink findings)
    {
        string? account = PromotionFields.Cut(e.UserName);
        if (e.Action == EventActions.PromotionRedeem)
        {
            if (e.Outcome == EventOutcomes.Failure)
            {
                Refused(e, account, findings);
                return;
            }

            if (PromotionFields.Code(e) is not { } code || account is null) return;
            Redeemed(e, account, code, findings);
            return;
        }

        if (account is null) return;
        var links = Links(e);
        var state = _accounts.Touch(account, e.Timestamp, () => new AccountLinks());
        if (e.Action == EventActions.AccountCreate) state.Created = e.Timestamp;
        Remember(account, state, links, e.Timestamp, null);
    }

    public void Advance(DateTimeOffset now, IFindingSink findings)
    {
        var horizon = now - _o.Window;
        _links.ForgetIdle(horizon);
        _accounts.ForgetIdle(horizon);
        _refused.ForgetIdle(now - _o.GuessWindow);
        _reported.ForgetIdle(now - _o.CoolDown);
        foreach (var sightings in _links.Values) sightings.Prune(horizon);
    }

    private void Redeemed(SecurityEvent e, string account, string code, IFindingSink findings)
    {
        var t = e.Timestamp;
        var links = Links(e);
        var state = _accounts.Touch(account, t, () => new AccountLinks());
        bool isNew = state.Created is { } created && t - created < _o.NewAccountAge;

        // Features from what was seen before this redemption; the redemption is remembered afterwards.
        var row = new float[PromotionScores.Redemption.Names.Count];
        var others = new Dictionary<string, Redemption>(StringComparer.Ordinal);
        string? strongest = null;
        int strongestWeight = 0;
        foreach (var link in links)
        {
            int kind = Array.FindIndex(Kinds, k => k.Prefix == link[0]);
            var redeemers = _links.Find(link)?.OthersRedeeming(code, account, t - _o.Window).ToList() ?? [];
            row[kind] = Math.Min(PromotionScores.MaxCount, redeemers.Count);
            foreach (var r in redeemers) others.TryAdd(r.Account, r);
            // The finding is keyed by the link that ties most accounts together; a shared network address counts least.
            int weight = redeemers.Count * (kind < 3 ? 2 : 1);
            if (weight > strongestWeight)
            {
                strongest = link;
                strongestWeight = weight;
            }
        }

        row[4] = isNew ? 1 : 0;
        row[5] = PromotionFields.SingleUse(e) ? 1 : 0;
        var referrer = PromotionFields.Referrer(e);
        if (referrer is not null && referrer != account) Referral(e, account, referrer, state, links, isNew, code, findings);
        Remember(account, state, links, t, new Redemption(t, account, code, e.Id));

        double score = PromotionScores.Redemption.Score(row);
        if (score < _o.Threshold || strongest is null || !Report(code + "\n" + strongest, t)) return;
        var reasons = PromotionScores.Redemption.Reasons(row, _o.Reasons);
        var evidence = new Evidence();
        foreach (var r in others.Values.OrderBy(r => r.At)) evidence.Add(r.EventId, r.At);
        evidence.Add(e.Id, t);
        var entities = new List<Entity> { Entity.User(account) };
        entities.AddRange(others.Keys.Order(StringComparer.Ordinal).Take(10).Select(Entity.User));
        AddActors(e, entities);
        string text = string.Create(CultureInfo.InvariantCulture,
            $"promotion code {Text.Quote(code)} redeemed by {Text.Quote(account)} and {others.Count} linked accounts ({string.Join(", ", others.Keys.Order(StringComparer.Ordinal).Take(5).Select(Text.Quote))}) scored {score:0.00} for abuse (threshold {_o.Threshold:0.00}): {string.Join("; ", reasons)}");
        findings.Emit(FindingBuilder.Create(DetectorName, LinkedRule, Technique, score >= 0.99 ? Severity.High : Severity.Medium,
            Math.Round(score, 3), code + "\n" + strongest, text, evidence, 1, entities, t, evidence.Count));
    }

    private void Referral(SecurityEvent e, string referee, string referrer, AccountLinks refereeState, List<string> links, bool isNew, string code, IFindingSink findings)
    {
        var t = e.Timestamp;
        var since = t - _o.Window;
        var refereeLinks = links.Concat(refereeState.Links).Distinct(StringComparer.Ordinal).ToList();
        var row = new float[PromotionScores.Referral.Names.Count];
        var shared = new List<string>();
        foreach (var link in refereeLinks)
        {
            if (_links.Find(link) is not { } sightings || !sightings.Used(referrer, since)) continue;
            int kind = Array.FindIndex(Kinds, k => k.Prefix == link[0]);
            row[kind] = 1;
            shared.Add(link);
        }

        row[4] = isNew ? 1 : 0;
        double score = PromotionScores.Referral.Score(row);
        if (score < _o.Threshold || !Report("referral\n" + referrer + "\n" + referee, t)) return;
        var reasons = PromotionScores.Referral.Reasons(row, _o.Reasons);
        var evidence = new Evidence();
        evidence.Add(e.Id, t);
        var entities = new List<Entity> { Entity.User(referee), Entity.User(referrer) };
        AddActors(e, entities);
        string text = string.Create(CultureInfo.InvariantCulture,
            $"referral code {Text.Quote(code)} of {Text.Quote(referrer)} redeemed by {Text.Quote(referee)}, who shares {string.Join(", ", shared.Select(Describe))} with the referrer; scored {score:0.00} for self-referral (threshold {_o.Threshold:0.00}): {string.Join("; ", reasons)}");
        findings.Emit(FindingBuilder.Create(DetectorName, ReferralRule, Technique, row[0] + row[1] > 0 ? Severity.High : Severity.Medium,
            Math.Round(score, 3), referrer + "\n" + referee, text, evidence, 1, entities, t));
    }

    private void Refused(SecurityEvent e, string? account, IFindingSink findings)
    {
        string code = PromotionFields.Code(e) ?? string.Empty;
        var t = e.Timestamp;
        var sources = new List<(string Key, string Words)>(3);
        if (PromotionFields.Cut(e.SourceIp) is { } ip) sources.Add(("i:" + ip, "network address " + Text.Quote(ip)));
        if (PromotionFields.Device(e) is { } device) sources.Add(("d:" + device, "device " + Text.Quote(device)));
        if (account is not null) sources.Add(("u:" + account, "account " + Text.Quote(account)));
        foreach (var (key, words) in sources)
        {
            var queue = _refused.Touch(key, t, () => new Queue<(DateTimeOffset, string, string)>());
            while (queue.Count > 0 && queue.Peek().At < t - _o.GuessWindow) queue.Dequeue();
            queue.Enqueue((t, code, e.Id));
            if (queue.Count > _o.MaxEntriesPerKey) queue.Dequeue();
            int distinct = queue.Select(q => q.Code).Distinct(StringComparer.Ordinal).Count();
            if (queue.Count < _o.MinRefused || distinct < _o.MinDistinctCodes || !Report("guess\n" + key, t)) continue;
            var evidence = new Evidence();
            foreach (var q in queue) evidence.Add(q.EventId, q.At);
            // Far past the thresholds is surer: twice the refusals and codes give about 0.9.
            double surplus = (Math.Min(2, queue.Count / (double)_o.MinRefused) + Math.Min(2, distinct / (double)_o.MinDistinctCodes)) / 4;
            double score = Math.Round(0.5 + (0.45 * surplus), 3);
            var span = t - queue.Peek().At;
            string text = string.Create(CultureInfo.InvariantCulture,
                $"{queue.Count} promotion codes refused for {words} in {Text.Duration(span)}, {distinct} distinct codes (e.g. {string.Join(", ", queue.Select(q => q.Code).Distinct(StringComparer.Ordinal).Take(3).Select(Text.Quote))}), scored {score:0.00}: code guessing (OWASP OAT-002 token cracking); threshold {_o.MinRefused} refused and {_o.MinDistinctCodes} distinct codes in {Text.Duration(_o.GuessWindow)}");
            var entities = new List<Entity>();
            if (key[0] == 'u') entities.Add(Entity.User(account!));
            AddActors(e, entities);
            if (account is not null && key[0] != 'u') entities.Add(Entity.User(account));
            findings.Emit(FindingBuilder.Create(DetectorName, GuessingRule, Technique, Severity.Medium, score, key, text, evidence, 1, entities, t, evidence.Count));
        }
    }

    // The device, card, address and network address of an event, as link keys ("d:...", "c:...", "a:...", "i:...").
    private static List<string> Links(SecurityEvent e)
    {
        var links = new List<string>(4);
        if (PromotionFields.Device(e) is { } device) links.Add("d:" + device);
        if (PromotionFields.Cut(e.CardFingerprint) is { } card) links.Add("c:" + card);
        if (PromotionFields.Address(e) is { } address) links.Add("a:" + (address.Length > PromotionFields.MaxValue ? address[..PromotionFields.MaxValue] : address));
        if (PromotionFields.Cut(e.SourceIp) is { } ip) links.Add("i:" + ip);
        return links;
    }

    private void Remember(string account, AccountLinks state, List<string> links, DateTimeOffset at, Redemption? redemption)
    {
        foreach (var link in links)
        {
            var sightings = _links.Touch(link, at, () => new LinkSightings(_o.MaxEntriesPerKey));
            sightings.Saw(at, account);
            if (redemption is not null) sightings.Redeemed(redemption);
            state.Add(link);
        }
    }

    private bool Report(string key, DateTimeOffset at)
    {
        var reported = _reported.Find(key);
        if (reported is not null && at - reported.At < _o.CoolDown) return false;
        _reported.Touch(key, at, () => new Reported()).At = at;
        return true;
    }

    private static void AddActors(SecurityEvent e, List<Entity> entities)
    {
        if (PromotionFields.Cut(e.SourceIp) is { } ip) entities.Add(Entity.Ip(ip));
        if (PromotionFields.Cut(e.CardFingerprint) is { } card) entities.Add(Entity.Card(card));
        if (PromotionFields.Device(e) is { } device) entities.Add(new Entity(PromotionFields.DeviceEntity, device));
    }

    private static string Describe(string link) => link[0] switch
    {
        'd' => "the device " + Text.Quote(link[2..]),
        'c' => "the card " + Text.Quote(link[2..]),
        'a' => "the address " + Text.Quote(link[2..]),
        _ => "the network address " + Text.Quote(link[2..]),
    };

    private sealed class AccountLinks
    {
        private readonly List<string> _links = [];

        public DateTimeOffset? Created { get; set; }

        public IReadOnlyList<string> Links => _links;

        public void Add(string link)
        {
            if (_links.Contains(link)) return;
            _links.Add(link);
            if (_links.Count > MaxLinksPerAccount) _links.RemoveAt(0);
        }
    }

    private sealed class Reported
    {
        public DateTimeOffset At { get; set; }
    }
}

using Ensuresec.Core.Findings;

namespace Ensuresec.Detection.Incidents;

/// <summary>Words for an incident's title: what happened, in order, to whom, from where.</summary>
internal static class IncidentTitles
{
    private const int MaxPhrases = 3;

    public static string Phrase(Finding f) => f.RuleId switch
    {
        "ES-WEB-001" or "ES-WEB-002" => "request flood",
        "ES-WEB-010" => "vulnerability scanning",
        "ES-WEB-011" => "probing for sensitive files",
        "ES-WEB-012" => "forced browsing",
        "ES-AUTH-001" => "credential stuffing",
        "ES-AUTH-002" => "password spraying",
        "ES-AUTH-003" => "password guessing",
        "ES-AUTH-004" => "failed-login burst",
        "ES-ATO-001" => "account takeover",
        "ES-ATO-002" => "suspicious login",
        "ES-PAY-001" or "ES-PAY-002" or "ES-PAY-003" => "card testing",
        "ES-CCH-001" => "cold-chain excursion",
        "ES-CCH-002" => "mean kinetic temperature over limit",
        "ES-ROU-001" => "route deviation",
        "ES-ROU-002" => "unscheduled stop",
        "ES-ROU-003" => "cargo door opened away from a stop",
        "ES-SNS-001" => "invalid sensor readings",
        "ES-SNS-002" => "impossible movement",
        "ES-SNS-003" => "frozen sensor",
        "ES-SNS-004" => "replayed sensor values",
        "ES-SNS-005" => "sensor clock going backwards",
        "ES-PAR-001" => "seal swapped",
        "ES-PAR-002" => "delivery scanned far from the address",
        "ES-PAR-003" => "non-delivery claim contradicted by proof of delivery",
        "ES-PAR-004" => "invalid scan position",
        "ES-DLV-001" or "ES-DLV-002" => "unusual parcel losses",
        "ES-DLV-003" => "repeated non-delivery claims",
        "ES-ATM-001" => "ATM tampering",
        "ES-ATM-002" => "skimmed card used elsewhere",
        _ => f.Detector.Replace('-', ' '),
    };

    /// <summary>"Credential stuffing then account takeover of alice@example.com from 203.0.113.9".</summary>
    public static string Compose(IEnumerable<Finding> inTimeOrder, IReadOnlyList<Entity> rankedEntities) =>
        Compose(What(inTimeOrder), rankedEntities);

    /// <summary>What happened, in order: "Credential stuffing then account takeover" (the title without its entities).</summary>
    public static string What(IEnumerable<Finding> inTimeOrder)
    {
        var phrases = new List<string>();
        bool more = false;
        foreach (var f in inTimeOrder)
        {
            string p = Phrase(f);
            if (phrases.Contains(p)) continue;
            if (phrases.Count == MaxPhrases)
            {
                more = true;
                break;
            }

            phrases.Add(p);
        }

        return What(phrases, more);
    }

    /// <summary>The distinct phrases in order (at most three), and whether more followed.</summary>
    public static string What(IReadOnlyList<string> phrases, bool more)
    {
        string what = string.Join(" then ", phrases) + (more ? " and more" : string.Empty);
        if (what.Length > 0) what = char.ToUpperInvariant(what[0]) + what[1..];
        return what;
    }

    /// <summary>The title: <paramref name="what"/> (from <see cref="What"/>), then to whom, from where, on which asset.</summary>
    public static string Compose(string what, IReadOnlyList<Entity> rankedEntities)
    {
        var users = rankedEntities.Where(e => e.Kind == EntityKinds.UserName).ToList();
        var ips = rankedEntities.Where(e => e.Kind == EntityKinds.SourceIp).ToList();
        if (users.Count > 0) what += " of " + users[0].Value + Others(users.Count, "account");
        if (ips.Count > 0) what += " from " + ips[0].Value + Others(ips.Count, "address");
        var asset = rankedEntities.FirstOrDefault(e => Physical.Telemetry.AssetKinds.Joinable.Contains(e.Kind));
        if (asset.Value is not null) what += " on " + asset.Kind + " " + asset.Value;
        return what;
    }

    private static string Others(int count, string noun) => count switch
    {
        1 => string.Empty,
        2 => $" and 1 other {noun}",
        _ => $" and {count - 1} other {noun}{(noun.EndsWith('s') ? "es" : "s")}",
    };
}

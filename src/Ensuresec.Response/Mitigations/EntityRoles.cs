using Ensuresec.Core.Findings;
using Ensuresec.Response.Library;

namespace Ensuresec.Response.Mitigations;

/// <summary>The part an entity plays in an incident, and the finding field that says so.</summary>
public sealed record EntityRole(string Role, string Evidence);

/// <summary>
/// What each entity of an incident is: an employee (approver), a customer, a courier, a card, an address, an ATM,
/// a shipment, a batch. Mitigations act on roles, so "revoke the refund right" goes to the approver of an insider
/// refund and never to the customer account the refund was booked to.
/// <para>
/// Asset kinds give the role directly (source.ip is an address, payment.card.fingerprint a card, atm.id an ATM).
/// An account (user.name) gets its role from the findings that name it: the library's <c>account_roles</c> say,
/// per rule, what the first, second, ... user.name of such a finding is (ES-INS-*: the approver, then the
/// customer; ES-DLV-001: the courier); any other rule names a customer account. When several findings disagree,
/// the more specific role wins (employee, then courier, then customer; "account" means no finding says).
/// </para>
/// Without the findings (an incident read on its own), the incident is read as one finding: its story's rules and
/// its entities, where an approver is recognised by the quoted name that starts an insider rule's explanation.
/// </summary>
public static class EntityRoles
{
    public const string Employee = "employee";
    public const string Courier = "courier";
    public const string Customer = "customer";
    public const string Account = "account";
    public const string Address = "address";
    public const string Card = "card";
    public const string Atm = "atm";
    public const string Shipment = "shipment";
    public const string Batch = "batch";
    public const string Email = "email";
    public const string Asset = "asset";

    private static readonly string[] AccountPrecedence = [Employee, Courier, Customer, Account];

    public static IReadOnlyDictionary<Entity, EntityRole> Assign(Incident incident, IReadOnlyList<AccountRoleRule> rules, IReadOnlyList<Finding>? findings)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(rules);
        var roles = new Dictionary<Entity, EntityRole>();
        foreach (var e in incident.Entities)
        {
            if (!IsAccount(e.Kind)) roles[e] = new EntityRole(OfKind(e.Kind), $"{e.Kind} field");
        }

        var mine = findings?.Where(f => incident.FindingIds.Contains(f.Id)).ToList();
        if (mine is { Count: > 0 })
        {
            foreach (var f in mine)
            {
                var accounts = f.Entities.Where(e => IsAccount(e.Kind)).Distinct().ToList();
                for (int i = 0; i < accounts.Count; i++)
                {
                    var (role, why) = AccountRole(rules, f.RuleId, i);
                    Offer(roles, accounts[i], new EntityRole(role, $"{why} in finding {f.Id} ({f.RuleId})"));
                }
            }
        }
        else
        {
            FromIncidentAlone(incident, rules, roles);
        }

        foreach (var e in incident.Entities.Where(e => IsAccount(e.Kind) && !roles.ContainsKey(e)))
            roles[e] = new EntityRole(Account, "no finding of the incident says what this account is");
        return roles;
    }

    /// <summary>The role an asset kind implies (the ECS-style field name).</summary>
    public static string OfKind(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        // Whole words of the field name, so atm.cabinet is an ATM and not a card ("bin").
        var words = kind.ToLowerInvariant().Split('.', '_', '-');
        bool Has(params string[] any) => words.Any(w => any.Contains(w, StringComparer.Ordinal));
        if (Has("email")) return Email;
        if (Has("ip") || words[^1] == "address") return Address;
        if (Has("courier", "driver")) return Courier;
        if (Has("employee", "staff", "approver")) return Employee;
        if (Has("atm")) return Atm;
        if (Has("card", "bin", "pan")) return Card;
        if (Has("batch", "lot")) return Batch;
        if (Has("shipment", "parcel", "package", "vehicle", "van", "route")) return Shipment;
        return Asset;
    }

    private static bool IsAccount(string kind) => string.Equals(kind, EntityKinds.UserName, StringComparison.Ordinal);

    private static (string Role, string Why) AccountRole(IReadOnlyList<AccountRoleRule> rules, string ruleId, int position)
    {
        var rule = rules.FirstOrDefault(r => r.Covers(ruleId));
        if (rule is null) return (Customer, "the account of a customer-facing rule");
        string role = rule.Roles[Math.Min(position, rule.Roles.Count - 1)];
        return (role, position < rule.Fields.Count ? $"{rule.Fields[position]}" : $"user.name #{position + 1}");
    }

    private static void Offer(Dictionary<Entity, EntityRole> roles, Entity entity, EntityRole offered)
    {
        if (!roles.TryGetValue(entity, out var held) || Rank(offered.Role) < Rank(held.Role)) roles[entity] = offered;
    }

    private static int Rank(string role)
    {
        int i = Array.IndexOf(AccountPrecedence, role);
        return i < 0 ? AccountPrecedence.Length : i;
    }

    /// <summary>The account whose name appears first in the text as a whole word ("courier dave: ...").</summary>
    private static Entity FirstNamed(string text, List<Entity> accounts) => accounts
        .Select(a => (a, at: System.Text.RegularExpressions.Regex.Match(text, $@"(?<![\w.@-]){System.Text.RegularExpressions.Regex.Escape(a.Value)}(?![\w@-])", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100))))
        .Where(x => x.at.Success)
        .OrderBy(x => x.at.Index)
        .Select(x => x.a)
        .FirstOrDefault();

    private static void FromIncidentAlone(Incident incident, IReadOnlyList<AccountRoleRule> rules, Dictionary<Entity, EntityRole> roles)
    {
        var accounts = incident.Entities.Where(e => IsAccount(e.Kind)).ToList();
        foreach (var step in incident.Story)
        {
            var rule = rules.FirstOrDefault(r => r.Covers(step.RuleId));
            if (rule is null)
            {
                foreach (var a in accounts) Offer(roles, a, new EntityRole(Customer, $"the account of a customer-facing rule ({step.RuleId})"));
                continue;
            }

            // The first role belongs to the account whose quoted name opens the explanation ("bob" approved ...);
            // with a single account, that account.
            var first = accounts.Count == 1 ? accounts[0] : accounts.FirstOrDefault(a => step.Explanation.StartsWith($"\"{a.Value}\"", StringComparison.Ordinal)
                || rule.Roles.Count == 1 && FirstNamed(step.Explanation, accounts) == a);
            if (first.Kind is null) continue;
            string why = rule.Fields.Count > 0 ? rule.Fields[0] : "user.name #1";
            Offer(roles, first, new EntityRole(rule.Roles[0], $"{why}, named first in the explanation of {step.RuleId}"));
            if (rule.Roles.Count < 2) continue;
            foreach (var other in accounts.Where(a => a != first && step.Explanation.Contains($"\"{a.Value}\"", StringComparison.Ordinal)))
                Offer(roles, other, new EntityRole(rule.Roles[1], $"{(rule.Fields.Count > 1 ? rule.Fields[1] : "user.name #2")} named in {step.RuleId}"));
        }
    }
}

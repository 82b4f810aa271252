namespace Ensuresec.Response.Library;

/// <summary>
/// What the accounts (user.name entities) of a rule's findings are, in the order the detector lists them: for
/// ES-INS-* the approver is an employee and the next account the customer the refund was booked to. The last role
/// repeats for further accounts. Fields name where the detector took each account from (refund.approver, ...).
/// </summary>
public sealed record AccountRoleRule(IReadOnlyList<string> Rules, IReadOnlyList<string> Roles, IReadOnlyList<string> Fields)
{
    public bool Covers(string ruleId) => Rules.Any(f => f.EndsWith('*')
        ? ruleId.StartsWith(f[..^1], StringComparison.OrdinalIgnoreCase)
        : string.Equals(f, ruleId, StringComparison.OrdinalIgnoreCase));
}

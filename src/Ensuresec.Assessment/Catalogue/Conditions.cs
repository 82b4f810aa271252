using Ensuresec.Assessment.Model;

namespace Ensuresec.Assessment.Catalogue;

/// <summary>
/// The static preconditions a threat may require of an element (its <c>when</c> list), besides the attacker's
/// privilege: <c>exposed</c>, <c>internal</c> (not exposed), <c>unencrypted</c> (a flow without encryption),
/// <c>data:NAME</c> (the element handles or carries that data class, e.g. data:card-data) and
/// <c>no-data:NAME</c>.
/// </summary>
public static class Conditions
{
    public const string Help = "exposed, internal, unencrypted, encrypted, data:NAME, no-data:NAME";

    public static bool IsKnown(string condition) =>
        condition is "exposed" or "internal" or "unencrypted" or "encrypted"
        || (condition.StartsWith("data:", StringComparison.Ordinal) && condition.Length > 5)
        || (condition.StartsWith("no-data:", StringComparison.Ordinal) && condition.Length > 8);

    /// <summary>Whether every condition holds for an element with these properties.</summary>
    public static bool Hold(IReadOnlyList<string> conditions, bool exposed, bool encrypted, IReadOnlyList<string> data)
    {
        foreach (string c in conditions)
        {
            bool holds = c switch
            {
                "exposed" => exposed,
                "internal" => !exposed,
                "unencrypted" => !encrypted,
                "encrypted" => encrypted,
                _ when c.StartsWith("data:", StringComparison.Ordinal) => data.Contains(c[5..], StringComparer.Ordinal),
                _ when c.StartsWith("no-data:", StringComparison.Ordinal) => !data.Contains(c[8..], StringComparer.Ordinal),
                _ => false,
            };
            if (!holds) return false;
        }

        return true;
    }
}

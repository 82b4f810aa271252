namespace Ensuresec.Workflows.Tests.Support;

/// <summary>Edits of the shipped examples that each break one of their properties (a dropped guard, a weaker check).</summary>
internal static class Mutants
{
    public static TheoryData<string, string, string, string> All() => new()
    {
        { "order-to-cash.wf", "ship: packed -> shipped when Payment@captured;", "ship: packed -> shipped;", "ship_after_capture" },
        { "order-to-cash.wf", "when a <= captured - refunded do", "do", "refund_within_capture" },
        { "order-to-cash.wf", "when s != requester && s != alice do approver", "do approver", "four_eyes" },
        { "order-to-cash.wf", "property delivered_or_refunded under fairness:", "property delivered_or_refunded:", "delivered_or_refunded" },
        { "order-to-cash.wf", "request(s: Staff): idle -> requested when Delivery@lost", "request(s: Staff): idle -> requested when Delivery@delivered", "delivered_or_refunded" },
    };

    public static string Apply(string text, string find, string replace)
    {
        if (!text.Contains(find, StringComparison.Ordinal)) throw new InvalidOperationException($"mutation target not found: {find}");
        return text.Replace(find, replace, StringComparison.Ordinal);
    }
}

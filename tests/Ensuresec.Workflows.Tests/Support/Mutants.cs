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
        { "payment-capture.wf", "void: authorised -> voided when captured == 0;", "void: authorised, partly_captured -> voided;", "no_capture_after_void" },
        { "payment-capture.wf", "void: authorised -> voided when captured == 0;", "void: authorised, partly_captured -> voided;", "void_only_uncaptured" },
        { "payment-capture.wf", "property decided under fairness:", "property decided:", "decided" },
        { "payment-capture.wf", "decline: pending -> pending when attempts < RETRIES do attempts := attempts + 1;", "decline: pending -> pending;", "decided" },
        { "returns.wf", "when s != inspector && s != dana do approver", "do approver", "segregation_of_duties" },
        { "returns.wf", "request: idle -> requested when Return@inspected && !damaged;", "request: idle -> requested;", "refund_after_receipt" },
        { "returns.wf", "reject: inspected -> rejected when damaged;", "reject: inspected -> rejected when false;", "received_returns_settled" },
    };

    public static string Apply(string text, string find, string replace)
    {
        if (!text.Contains(find, StringComparison.Ordinal)) throw new InvalidOperationException($"mutation target not found: {find}");
        return text.Replace(find, replace, StringComparison.Ordinal);
    }
}

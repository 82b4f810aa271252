namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>
/// One planned attacker action. <paramref name="Detail"/> is the failure reason of a login or the new e-mail;
/// <paramref name="Fields"/> are our own fields (dotted names, e.g. payment.id, refund.destination) for Extra.
/// </summary>
internal readonly record struct AttackStep(
    long Ticks,
    StepKind Kind,
    string Ip,
    string Agent,
    string? User = null,
    string? Path = null,
    string? Query = null,
    int Status = 200,
    bool Success = false,
    string? Card = null,
    decimal Amount = 0,
    string? Detail = null,
    IReadOnlyList<KeyValuePair<string, string>>? Fields = null)
{
    public int EventCount => Kind is StepKind.Request or StepKind.Refund ? 1 : 2;
}

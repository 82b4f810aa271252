namespace Ensuresec.Demo.Generation.Attacks;

/// <summary>One planned attacker action. <paramref name="Detail"/> is the failure reason of a login or the new e-mail.</summary>
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
    string? Detail = null)
{
    public int EventCount => Kind == StepKind.Request ? 1 : 2;
}

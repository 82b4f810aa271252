namespace Ensuresec.Waf.Model;

/// <summary>One thing the analyser found in a request.</summary>
/// <param name="Class">The attack class.</param>
/// <param name="RuleId">Our rule id, e.g. ES-WAF-942-UNION.</param>
/// <param name="Message">What the rule saw, in a few words.</param>
/// <param name="Part">The part of the request.</param>
/// <param name="Name">The argument, header or body field name (empty for the path and the request line).</param>
/// <param name="Evidence">The matched text after normalisation, at most <see cref="MaxEvidence"/> characters.</param>
/// <param name="Paranoia">The lowest paranoia level at which the rule runs (1-4).</param>
/// <param name="Score">Its contribution to the anomaly score (5 critical, 4 error, 3 warning, 2 notice).</param>
public sealed record WafFinding(
    AttackClass Class, string RuleId, string Message, RequestPart Part, string Name, string Evidence, int Paranoia, int Score)
{
    public const int MaxEvidence = 120;

    /// <summary>The ATT&amp;CK technique of the class.</summary>
    public string Technique => AttackClasses.Technique(Class);
}

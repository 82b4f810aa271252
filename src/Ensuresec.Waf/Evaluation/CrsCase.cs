namespace Ensuresec.Waf.Evaluation;

/// <summary>One stage of a CRS regression test: its exact request bytes and what the test expects.</summary>
/// <param name="Kind">attack (log_contains), benign (no_log_contains), or status_only / expect_error.</param>
/// <param name="TargetRule">The CRS rule id the test is about.</param>
/// <param name="TargetParanoia">That rule's paranoia level, when known (from ModSecurity's results kept beside the cases).</param>
/// <param name="ModSecurityBlocked">Whether ModSecurity with CRS at PL1 (Accept-Charset allowed) blocked it, when known.</param>
public sealed record CrsCase(
    string Title, int Stage, string File, string Kind, string TargetRule, byte[] Request, int? TargetParanoia = null, bool? ModSecurityBlocked = null)
{
    /// <summary>The rule file, e.g. REQUEST-942-APPLICATION-ATTACK-SQLI.</summary>
    public string RuleFile => File.Split('/')[0];
}

namespace Ensuresec.Waf.Model;

/// <summary>Anomaly score contributions by severity, as in the OWASP Core Rule Set.</summary>
internal static class Score
{
    public const int Critical = 5;
    public const int Error = 4;
    public const int Warning = 3;
    public const int Notice = 2;
}

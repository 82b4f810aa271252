namespace Ensuresec.Server.Csp;

/// <summary>One Content-Security-Policy violation, from either report format; every string already cut to a safe length.</summary>
internal sealed record CspViolation(string DocumentUrl, string BlockedUrl, string Directive, string Disposition, string? SourceFile, int? Line, string? Sample, string? UserAgent);

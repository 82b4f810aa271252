using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Evaluation;

/// <summary>The analyser's verdict on one CRS case.</summary>
/// <param name="Detected">For an attack case: a finding of an expected class fired.</param>
/// <param name="Flagged">Any finding fired.</param>
public sealed record CaseResult(CrsCase Case, bool Detected, bool Flagged, IReadOnlyList<WafFinding> Findings, string? ParseError, bool Refused = false);

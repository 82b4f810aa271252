using System.Globalization;

namespace Ensuresec.Assessment.Cvss;

/// <summary>
/// A parsed CVSS v3.x vector with its scores computed per the FIRST CVSS v3.1 specification (section 7): base,
/// temporal and environmental. Version 3.0 vectors are scored with the 3.0 rounding and modified-impact formula.
/// </summary>
public sealed record CvssVector
{
    internal CvssVector(string text, string version, IReadOnlyDictionary<string, string> metrics)
    {
        Text = text;
        Version = version;
        Metrics = metrics;
        var s = CvssScorer.Score(this);
        BaseScore = s.Base;
        Exploitability = s.Exploitability;
        ImpactSubscore = s.Impact;
        TemporalScore = s.Temporal;
        EnvironmentalScore = s.Environmental;
    }

    /// <summary>The vector as written.</summary>
    public string Text { get; }

    /// <summary>"3.1" or "3.0".</summary>
    public string Version { get; }

    /// <summary>Metric abbreviation to value abbreviation, e.g. AV to N.</summary>
    public IReadOnlyDictionary<string, string> Metrics { get; }

    public double BaseScore { get; }

    /// <summary>The exploitability sub-score, 8.22 × AV × AC × PR × UI (0.12 to 3.887), unrounded.</summary>
    public double Exploitability { get; }

    /// <summary>The impact sub-score, unrounded (zero or negative means no impact).</summary>
    public double ImpactSubscore { get; }

    /// <summary>The temporal score, equal to the base score when no temporal metric is given.</summary>
    public double TemporalScore { get; }

    /// <summary>The environmental score, equal to the temporal score when no environmental metric is given.</summary>
    public double EnvironmentalScore { get; }

    /// <summary>The qualitative rating of the base score (None, Low, Medium, High, Critical).</summary>
    public string Severity => CvssScorer.Rating(BaseScore);

    /// <summary>The value of a metric, or X (not defined) when the vector leaves it out.</summary>
    public string Get(string metric) => Metrics.TryGetValue(metric, out var v) ? v : "X";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Text} ({BaseScore:0.0} {Severity})");
}

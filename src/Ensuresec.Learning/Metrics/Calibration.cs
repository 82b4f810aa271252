namespace Ensuresec.Learning.Metrics;

/// <summary>Brier score, expected calibration error and the reliability table.</summary>
public sealed record Calibration(double Brier, double ExpectedCalibrationError, IReadOnlyList<CalibrationBin> Bins);

/// <summary>One bin of the reliability table: rows whose probability falls in [From, To).</summary>
public sealed record CalibrationBin(double From, double To, long Count, double MeanPredicted, double ObservedRate);

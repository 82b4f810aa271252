using System.Diagnostics;
using System.Globalization;
using Ensuresec.Learning.Data;
using Ensuresec.Learning.Metrics;
using Ensuresec.Learning.Models;

namespace Ensuresec.Cli.Commands;

/// <summary>The metrics of a model on labelled rows, as printed by <c>ml train</c> and <c>ml eval</c> and written with --json.</summary>
internal sealed record MlEvaluation
{
    public required string Rows { get; init; }

    public required int Count { get; init; }

    public required int Positives { get; init; }

    public double? RocAuc { get; init; }

    public double? AveragePrecision { get; init; }

    public double? LogLoss { get; init; }

    public double? Brier { get; init; }

    public double? CalibrationError { get; init; }

    public double? PrecisionAt100 { get; init; }

    public double? CardPrecisionAtK { get; init; }

    public int? K { get; init; }

    public required double Threshold { get; init; }

    public required Confusion Confusion { get; init; }

    public required double ScoringRowsPerSecond { get; init; }

    /// <summary>Rows per second of CPU time (all threads together): on a shared machine, what the wall clock hides.</summary>
    public required double ScoringRowsPerCpuSecond { get; init; }

    public required IReadOnlyList<FeatureWeight> TopFeatures { get; init; }

    /// <summary>Scores the rows and measures everything; <paramref name="cardColumns"/> are the day and card columns for card precision@k.</summary>
    public static MlEvaluation Of(
        IScoringModel model, LearningTable rows, string name, int threads, double threshold, (string Day, string Card)? cardColumns, int k)
    {
        var labels = rows.Labels!;
        var scores = new double[rows.Rows];
        // One pass to compile and warm up, then the median of three timed passes.
        model.ScoreAll(rows.Features, scores, threads);
        var times = new double[3];
        var cpu = new double[3];
        for (int pass = 0; pass < times.Length; pass++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            model.ScoreAll(rows.Features, scores, threads);
            times[pass] = clock.Elapsed.TotalSeconds;
            cpu[pass] = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        }

        Array.Sort(times);
        Array.Sort(cpu);
        double seconds = times[1];
        bool probabilities = model.Algorithm != "iforest";
        double? card = cardColumns is { } c
            ? BinaryMetrics.EntityPrecisionAtK(labels, scores, rows.Text[c.Day], rows.Text[c.Card], k)
            : null;
        var calibration = probabilities ? BinaryMetrics.CalibrationOf(labels, scores) : null;
        return new MlEvaluation
        {
            Rows = name,
            Count = rows.Rows,
            Positives = (int)labels.Sum(),
            RocAuc = Finite(BinaryMetrics.RocAuc(labels, scores)),
            AveragePrecision = Finite(BinaryMetrics.AveragePrecision(labels, scores)),
            LogLoss = probabilities ? BinaryMetrics.LogLoss(labels, scores) : null,
            Brier = calibration?.Brier,
            CalibrationError = calibration?.ExpectedCalibrationError,
            PrecisionAt100 = Finite(BinaryMetrics.PrecisionAtK(labels, scores, 100)),
            CardPrecisionAtK = card is { } v ? Finite(v) : null,
            K = cardColumns is null ? null : k,
            Threshold = threshold,
            Confusion = BinaryMetrics.ConfusionAt(labels, scores, threshold),
            ScoringRowsPerSecond = seconds > 0 ? rows.Rows / seconds : 0,
            ScoringRowsPerCpuSecond = cpu[1] > 0 ? rows.Rows / cpu[1] : 0,
            TopFeatures = FeatureWeight.Top(model, rows.Features, 10),
        };
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    public void Print(TextWriter o)
    {
        static string F(double? v) => v is { } d ? d.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"evaluated on {Rows}: {Count:N0} rows, {Positives:N0} positive"));
        o.WriteLine($"  ROC-AUC            {F(RocAuc)}");
        o.WriteLine($"  average precision  {F(AveragePrecision)}");
        o.WriteLine($"  precision@100      {F(PrecisionAt100)}");
        if (K is not null) o.WriteLine($"  card precision@{K,-4}{F(CardPrecisionAtK)}");
        if (LogLoss is not null) o.WriteLine($"  log loss           {F(LogLoss)}");
        if (Brier is not null) o.WriteLine($"  Brier score        {F(Brier)} (expected calibration error {F(CalibrationError)})");
        var c = Confusion;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  at threshold {Threshold}: {c.TruePositives} true positives, {c.FalsePositives} false positives, {c.FalseNegatives} missed, {c.TrueNegatives} true negatives (precision {F(Finite(c.Precision))}, recall {F(Finite(c.Recall))}, accuracy {F(c.Accuracy)})"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  scoring            {ScoringRowsPerSecond:N0} rows/s ({ScoringRowsPerCpuSecond:N0} rows per CPU second; median of 3 passes)"));
        o.WriteLine("top features (mean absolute contribution to the raw score):");
        foreach (var f in TopFeatures) o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {f.Weight,8:0.0000}  {f.Feature}"));
    }
}

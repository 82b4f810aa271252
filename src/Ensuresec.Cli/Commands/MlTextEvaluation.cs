using System.Diagnostics;
using System.Globalization;
using Ensuresec.Learning.Data;
using Ensuresec.Learning.Metrics;
using Ensuresec.Learning.Text;

namespace Ensuresec.Cli.Commands;

/// <summary>The metrics of a text classifier on labelled texts, as printed by <c>ml train</c> and <c>ml eval</c>.</summary>
internal sealed record MlTextEvaluation
{
    public required string Rows { get; init; }

    public required int Count { get; init; }

    public required int Positives { get; init; }

    public required double Accuracy { get; init; }

    public double? Precision { get; init; }

    public double? Recall { get; init; }

    public double? F1 { get; init; }

    public double? RocAuc { get; init; }

    public double? AveragePrecision { get; init; }

    /// <summary>Only for text-logistic: an SVM's sigmoid(margin) is no probability.</summary>
    public double? LogLoss { get; init; }

    public required Confusion Confusion { get; init; }

    public required double TextsPerSecond { get; init; }

    /// <summary>The n-grams with the largest coefficients towards the positive class.</summary>
    public required IReadOnlyList<MlTermWeight> TopPositiveTerms { get; init; }

    /// <summary>The n-grams with the largest coefficients towards the negative class.</summary>
    public required IReadOnlyList<MlTermWeight> TopNegativeTerms { get; init; }

    public static MlTextEvaluation Of(TextClassifier model, LearningTable rows, string textColumn, string name, int threads, double threshold)
    {
        var labels = rows.Labels!;
        var texts = rows.Text[textColumn];
        var clock = Stopwatch.StartNew();
        var scores = model.ScoreAll(texts, threads);
        double seconds = clock.Elapsed.TotalSeconds;
        var confusion = BinaryMetrics.ConfusionAt(labels, scores, threshold);
        double precision = confusion.Precision, recall = confusion.Recall;
        var byWeight = Enumerable.Range(0, model.Coefficients.Count).OrderByDescending(j => model.Coefficients[j]).ThenBy(j => j).ToArray();
        MlTermWeight Term(int j) => new(model.Vectorizer.Vocabulary[j], model.Coefficients[j]);
        return new MlTextEvaluation
        {
            Rows = name,
            Count = rows.Rows,
            Positives = (int)labels.Sum(),
            Accuracy = confusion.Accuracy,
            Precision = Finite(precision),
            Recall = Finite(recall),
            F1 = Finite(2 * precision * recall / (precision + recall)),
            RocAuc = Finite(BinaryMetrics.RocAuc(labels, scores)),
            AveragePrecision = Finite(BinaryMetrics.AveragePrecision(labels, scores)),
            LogLoss = model.Kind == TextAlgorithm.Logistic ? BinaryMetrics.LogLoss(labels, scores) : null,
            Confusion = confusion,
            TextsPerSecond = seconds > 0 ? rows.Rows / seconds : 0,
            TopPositiveTerms = [.. byWeight.Take(10).Where(j => model.Coefficients[j] > 0).Select(Term)],
            TopNegativeTerms = [.. byWeight.Reverse().Take(10).Where(j => model.Coefficients[j] < 0).Select(Term)],
        };
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    public void Print(TextWriter o)
    {
        static string F(double? v) => v is { } d ? d.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"evaluated on {Rows}: {Count:N0} texts, {Positives:N0} positive"));
        o.WriteLine($"  accuracy           {F(Accuracy)}");
        o.WriteLine($"  precision          {F(Precision)}");
        o.WriteLine($"  recall             {F(Recall)}");
        o.WriteLine($"  F1                 {F(F1)}");
        o.WriteLine($"  ROC-AUC            {F(RocAuc)}");
        o.WriteLine($"  average precision  {F(AveragePrecision)}");
        if (LogLoss is not null) o.WriteLine($"  log loss           {F(LogLoss)}");
        var c = Confusion;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  at threshold {c.Threshold}: {c.TruePositives} true positives, {c.FalsePositives} false positives, {c.FalseNegatives} missed, {c.TrueNegatives} true negatives"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  scoring            {TextsPerSecond:N0} texts/s"));
        o.WriteLine("terms towards the positive class (coefficient):");
        foreach (var t in TopPositiveTerms) o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Weight,8:+0.0000}  {t.Term}"));
        o.WriteLine("terms towards the negative class:");
        foreach (var t in TopNegativeTerms) o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Weight,8:+0.0000;-0.0000}  {t.Term}"));
    }
}

/// <summary>An n-gram and its coefficient.</summary>
internal sealed record MlTermWeight(string Term, double Weight);

namespace Ensuresec.Learning.Metrics;

/// <summary>Ranking and threshold metrics of scores against 0/1 labels (definitions as in scikit-learn).</summary>
public static class BinaryMetrics
{
    /// <summary>Area under the ROC curve; tied scores count half (Mann-Whitney). NaN when a class is absent.</summary>
    public static double RocAuc(IReadOnlyList<float> labels, IReadOnlyList<double> scores)
    {
        var order = Order(labels, scores);
        long positives = labels.Count(y => y == 1), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        double rankSum = 0;
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]]) j++;
            double averageRank = ((i + 1) + j) / 2.0; // ranks i+1..j, ascending
            for (int k = i; k < j; k++)
            {
                if (labels[order[k]] == 1) rankSum += averageRank;
            }

            i = j;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Average precision: Σ (Rₙ − Rₙ₋₁)·Pₙ over the distinct score thresholds, highest first. NaN without positives.</summary>
    public static double AveragePrecision(IReadOnlyList<float> labels, IReadOnlyList<double> scores)
    {
        var order = Order(labels, scores);
        Array.Reverse(order);
        long positives = labels.Count(y => y == 1);
        if (positives == 0) return double.NaN;
        double ap = 0, previousRecall = 0;
        long truePositives = 0, seen = 0;
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                if (labels[order[j]] == 1) truePositives++;
                j++;
            }

            seen += j - i;
            double recall = (double)truePositives / positives;
            ap += (recall - previousRecall) * truePositives / seen;
            previousRecall = recall;
            i = j;
        }

        return ap;
    }

    /// <summary>The share of positives among the k highest scores (ties broken by row order).</summary>
    public static double PrecisionAtK(IReadOnlyList<float> labels, IReadOnlyList<double> scores, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var order = Order(labels, scores);
        Array.Reverse(order);
        int take = Math.Min(k, order.Length);
        if (take == 0) return double.NaN;
        int hits = 0;
        for (int i = 0; i < take; i++)
        {
            if (labels[order[i]] == 1) hits++;
        }

        return (double)hits / take;
    }

    /// <summary>
    /// Card precision@k as the fraud detection handbook computes it: day by day (in numeric order when the days
    /// are numbers), rank the entities (cards) by their highest score that day, take the top k and count the share
    /// with a positive row that day; cards found on an earlier day are left out of later days (an investigator
    /// has already blocked them). The mean over the days.
    /// </summary>
    public static double EntityPrecisionAtK(
        IReadOnlyList<float> labels, IReadOnlyList<double> scores, IReadOnlyList<string> day, IReadOnlyList<string> entity, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var perDay = new Dictionary<string, Dictionary<string, (double Max, bool Positive)>>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
        {
            if (!perDay.TryGetValue(day[i], out var cards)) perDay[day[i]] = cards = new Dictionary<string, (double, bool)>(StringComparer.Ordinal);
            cards[entity[i]] = cards.TryGetValue(entity[i], out var c)
                ? (Math.Max(c.Max, scores[i]), c.Positive || labels[i] == 1)
                : (scores[i], labels[i] == 1);
        }

        if (perDay.Count == 0) return double.NaN;
        bool numeric = perDay.Keys.All(d => double.TryParse(d, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
        var days = numeric
            ? perDay.Keys.OrderBy(d => double.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : perDay.Keys.Order(StringComparer.Ordinal).ToArray();
        var detected = new HashSet<string>(StringComparer.Ordinal);
        double sum = 0;
        foreach (var d in days)
        {
            var top = perDay[d].Where(c => !detected.Contains(c.Key))
                .OrderByDescending(c => c.Value.Max).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Take(k).Where(c => c.Value.Positive).Select(c => c.Key).ToArray();
            sum += (double)top.Length / k;
            detected.UnionWith(top);
        }

        return sum / days.Length;
    }

    /// <summary>Counts at a score threshold (score &gt;= threshold is predicted positive).</summary>
    public static Confusion ConfusionAt(IReadOnlyList<float> labels, IReadOnlyList<double> scores, double threshold)
    {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            bool predicted = scores[i] >= threshold;
            if (labels[i] == 1) { if (predicted) tp++; else fn++; }
            else if (predicted) fp++;
            else tn++;
        }

        return new Confusion(threshold, tp, fp, tn, fn);
    }

    /// <summary>Mean log loss of probabilities (clipped to [1e-15, 1 − 1e-15]).</summary>
    public static double LogLoss(IReadOnlyList<float> labels, IReadOnlyList<double> probabilities)
    {
        double sum = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            double p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / Math.Max(1, labels.Count);
    }

    /// <summary>Reliability of probabilities: the Brier score and, per equal-width bin, mean predicted against observed rate.</summary>
    public static Calibration CalibrationOf(IReadOnlyList<float> labels, IReadOnlyList<double> probabilities, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new long[bins];
        var predicted = new double[bins];
        var observed = new double[bins];
        double brier = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            double p = Math.Clamp(probabilities[i], 0, 1);
            int b = Math.Min(bins - 1, (int)(p * bins));
            count[b]++;
            predicted[b] += p;
            observed[b] += labels[i];
            brier += (p - labels[i]) * (p - labels[i]);
        }

        var rows = new List<CalibrationBin>();
        double expectedError = 0;
        for (int b = 0; b < bins; b++)
        {
            if (count[b] == 0) continue;
            var bin = new CalibrationBin((double)b / bins, (double)(b + 1) / bins, count[b], predicted[b] / count[b], observed[b] / count[b]);
            rows.Add(bin);
            expectedError += count[b] * Math.Abs(bin.MeanPredicted - bin.ObservedRate);
        }

        int n = Math.Max(1, labels.Count);
        return new Calibration(brier / n, expectedError / n, rows);
    }

    // Row indices by ascending score; ties keep row order (a stable sort).
    private static int[] Order(IReadOnlyList<float> labels, IReadOnlyList<double> scores)
    {
        if (labels.Count != scores.Count) throw new ArgumentException($"{labels.Count} labels for {scores.Count} scores", nameof(scores));
        foreach (double s in scores)
        {
            if (double.IsNaN(s)) throw new ArgumentException("scores must not be NaN", nameof(scores));
        }

        var keys = scores.ToArray();
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(keys, order);
        // Array.Sort is not stable; restore row order within ties so results do not depend on the sort.
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j < order.Length && keys[j] == keys[i]) j++;
            Array.Sort(order, i, j - i);
            i = j;
        }

        return order;
    }
}

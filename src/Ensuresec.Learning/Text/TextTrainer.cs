namespace Ensuresec.Learning.Text;

/// <summary>Fits a <see cref="TextClassifier"/>: a TF-IDF vocabulary, then a linear model on the sparse vectors.</summary>
public static class TextTrainer
{
    /// <summary>Trains on <paramref name="texts"/> with 0/1 <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">Bad options, a bad text (named by position), labels that are not 0/1 or hold one class only.</exception>
    public static TextClassifier Train(IReadOnlyList<string> texts, IReadOnlyList<float> labels, TextTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        var invalid = options.Validate();
        if (invalid.Count > 0) throw new ArgumentException(string.Join("; ", invalid), nameof(options));
        if (texts.Count != labels.Count) throw new ArgumentException($"{texts.Count} texts but {labels.Count} labels", nameof(labels));
        var y = new double[labels.Count];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = labels[i] switch
            {
                1 => 1,
                0 => -1,
                _ => throw new ArgumentException($"label {i} is {labels[i]}; labels must be 0 or 1", nameof(labels)),
            };
        }

        if (y.All(v => v > 0) || y.All(v => v < 0)) throw new ArgumentException($"every label is {labels[0]}: a classifier needs both classes", nameof(labels));
        var vectorizer = TfidfVectorizer.Fit(texts, options.Tfidf);
        var x = vectorizer.TransformAll(texts, options.Threads);
        int d = vectorizer.Vocabulary.Count;
        var (w, b) = options.Algorithm == TextAlgorithm.Logistic
            ? SparseLogistic.Fit(x, y, d, options.C, options.MaxIterations, options.Tolerance)
            : SparseSvm.Fit(x, y, d, options.C, options.Loss, options.MaxIterations, options.Tolerance, options.Seed);
        return new TextClassifier(options.Algorithm, vectorizer, b, w);
    }
}

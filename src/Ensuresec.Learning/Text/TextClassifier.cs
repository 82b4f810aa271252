using Ensuresec.Learning.Models;

namespace Ensuresec.Learning.Text;

/// <summary>One n-gram's part in a text's score: its TF-IDF value times its coefficient.</summary>
public sealed record TermContribution(string Term, double Value, double Coefficient)
{
    public double Contribution => Value * Coefficient;
}

/// <summary>
/// Why a text got its score: <see cref="BaseValue"/> (the intercept) plus every term's contribution equals
/// <see cref="Margin"/>, the model's output before the sigmoid. Terms are the text's n-grams in the vocabulary.
/// </summary>
public sealed record TextExplanation(double BaseValue, IReadOnlyList<TermContribution> Terms)
{
    public double Margin => BaseValue + Terms.Sum(t => t.Contribution);

    /// <summary>The terms that pushed the score up most, largest first (only positive contributions).</summary>
    public IReadOnlyList<TermContribution> TopIncreasing(int count) =>
        [.. Terms.Where(t => t.Contribution > 0).OrderByDescending(t => t.Contribution).ThenBy(t => t.Term, StringComparer.Ordinal).Take(count)];
}

/// <summary>
/// A linear classifier on TF-IDF vectors: margin = intercept + Σ coefficient·tfidf. Scores are sigmoid(margin):
/// a probability for <c>text-logistic</c>; for <c>text-svm</c> only a ranking, with margin 0 at score 0.5.
/// </summary>
public sealed class TextClassifier
{
    internal TextClassifier(TextAlgorithm algorithm, TfidfVectorizer vectorizer, double intercept, double[] coefficients)
    {
        if (coefficients.Length != vectorizer.Vocabulary.Count) throw new ArgumentException("one coefficient per term", nameof(coefficients));
        Kind = algorithm;
        Vectorizer = vectorizer;
        Intercept = intercept;
        Weights = coefficients;
    }

    public TextAlgorithm Kind { get; }

    /// <summary>text-logistic or text-svm (the name in the model file).</summary>
    public string Algorithm => AlgorithmName(Kind);

    public TfidfVectorizer Vectorizer { get; }

    public double Intercept { get; }

    /// <summary>One coefficient per vocabulary term.</summary>
    public IReadOnlyList<double> Coefficients => Weights;

    internal double[] Weights { get; }

    public static string AlgorithmName(TextAlgorithm algorithm) => algorithm == TextAlgorithm.Logistic ? "text-logistic" : "text-svm";

    public double Margin(string text) => Intercept + Vectorizer.Transform(text).Dot(Weights);

    public double Score(string text) => Sigmoid.Of(Margin(text));

    /// <summary>Scores every text; a bad text (empty, too long) throws naming its position.</summary>
    public double[] ScoreAll(IReadOnlyList<string> texts, int threads)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var scores = new double[texts.Count];
        TextDocumentException.Rethrow(() => Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            d => scores[d] = Sigmoid.Of(Intercept + Vectorizer.Transform(texts[d], d).Dot(Weights))));
        return scores;
    }

    public TextExplanation Explain(string text)
    {
        var vector = Vectorizer.Transform(text);
        var terms = new TermContribution[vector.Count];
        for (int k = 0; k < vector.Count; k++)
        {
            int j = vector.Indices[k];
            terms[k] = new TermContribution(Vectorizer.Vocabulary[j], vector.Values[k], Weights[j]);
        }

        return new TextExplanation(Intercept, terms);
    }
}

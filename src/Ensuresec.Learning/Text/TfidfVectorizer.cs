namespace Ensuresec.Learning.Text;

/// <summary>
/// Turns text into TF-IDF vectors over a vocabulary learnt from training documents. A dictionary, not feature
/// hashing: the model file then names every n-gram, so explanations can say which words raised a score, and no
/// two n-grams ever share a weight. The cost is a vocabulary kept in memory and in the file, bounded by
/// <see cref="TfidfOptions.MinDocumentFrequency"/> and <see cref="TfidfOptions.MaxFeatures"/>.
/// </summary>
public sealed class TfidfVectorizer
{
    /// <summary>What starts the key of a character n-gram in the vocabulary (a word never holds a colon).</summary>
    public const string CharNgramPrefix = Tokenizer.CharPrefix;

    private readonly Dictionary<string, int> index;

    internal TfidfVectorizer(TfidfOptions options, IReadOnlyList<string> vocabulary, double[] idf)
    {
        if (idf.Length != vocabulary.Count) throw new ArgumentException("one idf per term", nameof(idf));
        Options = options;
        Vocabulary = vocabulary;
        Idf = idf;
        index = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Count; i++)
        {
            if (!index.TryAdd(vocabulary[i], i)) throw new ArgumentException($"term '{vocabulary[i]}' appears twice", nameof(vocabulary));
        }
    }

    public TfidfOptions Options { get; }

    /// <summary>The n-grams, in ordinal order; an n-gram's position is its feature index.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Inverse document frequency per term.</summary>
    public IReadOnlyList<double> Idf { get; }

    /// <summary>Learns the vocabulary and idf from <paramref name="documents"/>.</summary>
    /// <exception cref="ArgumentException">Bad options, no documents, a document that is empty, too long or has no words, or no term left.</exception>
    public static TfidfVectorizer Fit(IReadOnlyList<string> documents, TfidfOptions options)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        var invalid = options.Validate();
        if (invalid.Count > 0) throw new ArgumentException(string.Join("; ", invalid), nameof(options));
        if (documents.Count == 0) throw new ArgumentException("no documents to learn a vocabulary from", nameof(documents));
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var totalCount = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int d = 0; d < documents.Count; d++)
        {
            var counts = Count(documents[d], options, d);
            foreach (var (term, count) in counts)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                totalCount[term] = totalCount.GetValueOrDefault(term) + count;
            }
        }

        int n = documents.Count;
        double maxDf = options.MaxDocumentFrequency * n;
        IEnumerable<string> kept = documentFrequency
            .Where(kv => kv.Value >= options.MinDocumentFrequency && kv.Value <= maxDf)
            .Select(kv => kv.Key);
        if (options.MaxFeatures > 0)
        {
            // The most frequent across the corpus; ties go to the ordinally first term, so the choice is stable.
            kept = kept.OrderByDescending(t => totalCount[t]).ThenBy(t => t, StringComparer.Ordinal).Take(options.MaxFeatures);
        }

        var vocabulary = kept.OrderBy(t => t, StringComparer.Ordinal).ToArray();
        if (vocabulary.Length == 0) throw new ArgumentException("no n-gram is left after min-df, max-df and max-features: loosen them", nameof(options));
        var idf = vocabulary.Select(t => InverseFrequency(n, documentFrequency[t], options.SmoothIdf)).ToArray();
        return new TfidfVectorizer(options, vocabulary, idf);
    }

    internal static double InverseFrequency(int documents, int frequency, bool smooth) =>
        smooth ? Math.Log((1.0 + documents) / (1.0 + frequency)) + 1 : Math.Log((double)documents / frequency) + 1;

    /// <summary>The TF-IDF vector of one document (n-grams outside the vocabulary are ignored).</summary>
    /// <exception cref="TextDocumentException">The document is empty, too long or has no words.</exception>
    public SparseVector Transform(string document) => Transform(document, -1);

    internal SparseVector Transform(string document, int position)
    {
        var counts = Count(document, Options, position);
        var entries = new List<(int Index, double Value)>(counts.Count);
        foreach (var (term, count) in counts)
        {
            if (!index.TryGetValue(term, out int j)) continue;
            double tf = Options.SublinearTf ? 1 + Math.Log(count) : count;
            entries.Add((j, tf * Idf[j]));
        }

        entries.Sort((a, b) => a.Index.CompareTo(b.Index));
        var indices = entries.Select(e => e.Index).ToArray();
        var values = entries.Select(e => e.Value).ToArray();
        if (Options.Normalize)
        {
            double norm = Math.Sqrt(values.Sum(v => v * v));
            if (norm > 0)
            {
                for (int k = 0; k < values.Length; k++) values[k] /= norm;
            }
        }

        return new SparseVector(indices, values);
    }

    public SparseVector[] TransformAll(IReadOnlyList<string> documents, int threads)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var result = new SparseVector[documents.Count];
        TextDocumentException.Rethrow(() =>
            Parallel.For(0, documents.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, d => result[d] = Transform(documents[d], d)));
        return result;
    }

    private static Dictionary<string, int> Count(string document, TfidfOptions options, int position)
    {
        string at = position >= 0 ? $"document {position}" : "the document";
        if (document is null) throw new TextDocumentException(position, $"{at} is missing");
        if (document.Length > options.MaxDocumentChars) throw new TextDocumentException(position, $"{at} has {document.Length:N0} characters; at most {options.MaxDocumentChars:N0} are accepted");
        if (string.IsNullOrWhiteSpace(document)) throw new TextDocumentException(position, $"{at} is empty");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        Tokenizer.Ngrams(document, options, term => counts[term] = counts.GetValueOrDefault(term) + 1);
        if (counts.Count == 0) throw new TextDocumentException(position, $"{at} has no words (only punctuation or symbols)");
        return counts;
    }
}

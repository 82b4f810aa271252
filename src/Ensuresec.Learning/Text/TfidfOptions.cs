namespace Ensuresec.Learning.Text;

/// <summary>Where character n-grams are taken from.</summary>
public enum CharNgramMode
{
    /// <summary>Inside each word, padded with one space on each side (scikit-learn's <c>char_wb</c>).</summary>
    Within,

    /// <summary>Across the whole text, lower-cased, with each run of whitespace made one space (scikit-learn's <c>char</c>).</summary>
    Across,
}

/// <summary>
/// How text becomes TF-IDF vectors. The defaults are scikit-learn's TfidfVectorizer with word uni- and bigrams:
/// lower-cased, raw term counts, smoothed idf, rows scaled to unit L2 length.
/// </summary>
public sealed record TfidfOptions
{
    /// <summary>Word n-grams of every length from this ...</summary>
    public int WordNgramMin { get; init; } = 1;

    /// <summary>... to this; 0 for no word n-grams.</summary>
    public int WordNgramMax { get; init; } = 2;

    /// <summary>Character n-grams of every length from this ...</summary>
    public int CharNgramMin { get; init; } = 2;

    /// <summary>... to this; 0 for no character n-grams.</summary>
    public int CharNgramMax { get; init; }

    public CharNgramMode CharMode { get; init; } = CharNgramMode.Within;

    /// <summary>Lower-case the text (per Unicode code point, culture-invariant) before making n-grams.</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>Keep only n-grams found in at least this many training documents.</summary>
    public int MinDocumentFrequency { get; init; } = 1;

    /// <summary>Drop n-grams found in more than this share of the training documents (1: keep all).</summary>
    public double MaxDocumentFrequency { get; init; } = 1.0;

    /// <summary>Keep at most this many n-grams, the most frequent in the training corpus (0: all).</summary>
    public int MaxFeatures { get; init; }

    /// <summary>Term frequency 1 + ln(count) instead of the count.</summary>
    public bool SublinearTf { get; init; }

    /// <summary>idf = ln((1 + n) / (1 + df)) + 1, as if one more document held every term; otherwise ln(n / df) + 1.</summary>
    public bool SmoothIdf { get; init; } = true;

    /// <summary>Scale every document's vector to unit Euclidean length.</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Characters of one document, at most (longer ones are refused, not cut).</summary>
    public int MaxDocumentChars { get; init; } = 1_000_000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (WordNgramMax != 0 && (WordNgramMin < 1 || WordNgramMax < WordNgramMin || WordNgramMax > 8)) errors.Add("word-ngrams: must be 1..k with k from 1 to 8 (or 0 for none)");
        if (CharNgramMax != 0 && (CharNgramMin < 1 || CharNgramMax < CharNgramMin || CharNgramMax > 16)) errors.Add("char-ngrams: must be MIN-MAX with 1 <= MIN <= MAX <= 16 (or 0 for none)");
        if (WordNgramMax == 0 && CharNgramMax == 0) errors.Add("word-ngrams, char-ngrams: at least one kind of n-gram is needed");
        if (MinDocumentFrequency < 1) errors.Add("min-df: must be an integer >= 1");
        if (!(MaxDocumentFrequency > 0 && MaxDocumentFrequency <= 1)) errors.Add("max-df: must be a share in (0, 1]");
        if (MaxFeatures < 0) errors.Add("max-features: must be >= 0 (0: no limit)");
        if (MaxDocumentChars < 1) errors.Add("max-document-chars: must be >= 1");
        return errors;
    }
}

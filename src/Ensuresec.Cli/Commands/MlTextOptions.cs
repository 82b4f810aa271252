using System.CommandLine;
using System.Globalization;
using Ensuresec.Learning.Text;

namespace Ensuresec.Cli.Commands;

/// <summary>The options of <c>ml train</c> that only the text classifiers (text-logistic, text-svm) read.</summary>
internal sealed class MlTextOptions
{
    public Option<string> Text { get; } = new("--text") { Description = "text-logistic, text-svm: the column holding each row's text." };

    public Option<string> WordNgrams { get; } = new("--word-ngrams") { Description = "text: word n-grams, K for 1..K or MIN-MAX, 0 for none (default 1-2)." };

    public Option<string> CharNgrams { get; } = new("--char-ngrams") { Description = "text: character n-grams, MIN-MAX or K for K..K, 0 for none (default 0)." };

    public Option<string> CharMode { get; } = new("--char-mode") { Description = "text: within (each word padded with spaces, default) or across (the whole text)." };

    public Option<string> MinDf { get; } = new("--min-df") { Description = "text: keep n-grams found in at least this many training texts (default 1)." };

    public Option<string> MaxDf { get; } = new("--max-df") { Description = "text: drop n-grams found in more than this share of the training texts (default 1)." };

    public Option<string> MaxFeatures { get; } = new("--max-features") { Description = "text: keep at most this many n-grams, the most frequent (default 0: all)." };

    public Option<bool> SublinearTf { get; } = new("--sublinear-tf") { Description = "text: term frequency 1 + ln(count) instead of the count." };

    public Option<bool> NoSmoothIdf { get; } = new("--no-smooth-idf") { Description = "text: idf ln(n/df) + 1 instead of ln((1+n)/(1+df)) + 1." };

    public Option<bool> NoLowercase { get; } = new("--no-lowercase") { Description = "text: keep upper and lower case apart." };

    public Option<bool> NoNormalize { get; } = new("--no-normalize") { Description = "text: do not scale each text's vector to unit length." };

    public Option<string> Loss { get; } = new("--loss") { Description = "text-svm: squared-hinge (default, as LinearSVC) or hinge." };

    public Option<string> MaxIterations { get; } = new("--max-iterations") { Description = "text: L-BFGS iterations or SVM passes, at most (default 1000)." };

    public IEnumerable<Option> All => [Text, WordNgrams, CharNgrams, CharMode, MinDf, MaxDf, MaxFeatures, SublinearTf, NoSmoothIdf, NoLowercase, NoNormalize, Loss, MaxIterations];

    /// <summary>The training settings, or the usage error to print.</summary>
    public (TextTrainingOptions? Options, string? Error) Read(ParseResult parse, TextAlgorithm algorithm, double c, int seed, int threads)
    {
        if (!Range(parse.GetValue(WordNgrams), (1, 2), fromOne: true, out var word)) return (null, "--word-ngrams must be K, MIN-MAX or 0");
        if (!Range(parse.GetValue(CharNgrams), (2, 0), fromOne: false, out var chars)) return (null, "--char-ngrams must be MIN-MAX, K or 0");
        var mode = parse.GetValue(CharMode) switch
        {
            null or "within" => CharNgramMode.Within,
            "across" => CharNgramMode.Across,
            _ => (CharNgramMode?)null,
        };
        if (mode is null) return (null, "--char-mode must be within or across");
        var loss = parse.GetValue(Loss) switch
        {
            null or "squared-hinge" => SvmLoss.SquaredHinge,
            "hinge" => SvmLoss.Hinge,
            _ => (SvmLoss?)null,
        };
        if (loss is null) return (null, "--loss must be squared-hinge or hinge");
        if (!MlInput.TryInt(parse.GetValue(MinDf), 1, 1, int.MaxValue, out int minDf)) return (null, "--min-df must be an integer >= 1");
        if (!MlInput.TryDouble(parse.GetValue(MaxDf), 1, double.Epsilon, 1, out double maxDf)) return (null, "--max-df must be a share in (0, 1]");
        if (!MlInput.TryInt(parse.GetValue(MaxFeatures), 0, 0, int.MaxValue, out int maxFeatures)) return (null, "--max-features must be an integer >= 0");
        if (!MlInput.TryInt(parse.GetValue(MaxIterations), 1000, 1, 100_000, out int iterations)) return (null, "--max-iterations must be an integer from 1 to 100000");
        var options = new TextTrainingOptions
        {
            Tfidf = new TfidfOptions
            {
                WordNgramMin = word.Min, WordNgramMax = word.Max, CharNgramMin = chars.Min, CharNgramMax = chars.Max, CharMode = mode.Value,
                Lowercase = !parse.GetValue(NoLowercase), MinDocumentFrequency = minDf, MaxDocumentFrequency = maxDf, MaxFeatures = maxFeatures,
                SublinearTf = parse.GetValue(SublinearTf), SmoothIdf = !parse.GetValue(NoSmoothIdf), Normalize = !parse.GetValue(NoNormalize),
            },
            Algorithm = algorithm, C = c, Loss = loss.Value, MaxIterations = iterations, Seed = seed, Threads = threads,
        };
        var invalid = options.Validate();
        return invalid.Count > 0 ? (null, "--" + string.Join("; --", invalid)) : (options, null);
    }

    // "K" (1..K for words, K..K for characters), "MIN-MAX", or "0" for none.
    private static bool Range(string? text, (int Min, int Max) fallback, bool fromOne, out (int Min, int Max) range)
    {
        range = fallback;
        if (text is null) return true;
        var parts = text.Split('-');
        if (parts.Length is < 1 or > 2) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first)) return false;
        if (parts.Length == 1)
        {
            range = first == 0 ? (fallback.Min, 0) : (fromOne ? 1 : first, first);
            return true;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int second)) return false;
        range = (first, second);
        return true;
    }
}

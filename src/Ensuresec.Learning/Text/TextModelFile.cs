using System.Text.Json;
using System.Text.Json.Nodes;
using Ensuresec.Learning.Models;

namespace Ensuresec.Learning.Text;

/// <summary>A text model read from its file, or why it could not be (then <see cref="Model"/> is null).</summary>
public sealed record TextModelReadResult(TextClassifier? Model, ModelInfo? Info, string? Error);

/// <summary>
/// The JSON form of a <see cref="TextClassifier"/>, in the same versioned envelope as every model file:
/// <c>{"format": "ensuresec-model", "version": 1, "algorithm": "text-logistic"|"text-svm", "task", "text", "label",
/// "tfidf": {settings, "vocabulary", "idf"}, "linear": {"intercept", "coefficients"}}</c>. Reading checks every
/// setting, length and number and names the field that is wrong.
/// </summary>
public static class TextModelFile
{
    /// <summary>Whether <paramref name="json"/> is a model file holding a text classifier (false when it is not JSON at all).</summary>
    public static bool IsText(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }) is JsonObject o
                && o["algorithm"] is JsonValue v && v.TryGetValue(out string? name) && name.StartsWith("text-", StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static string Write(TextClassifier model, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        var o = model.Vectorizer.Options;
        var root = new JsonObject
        {
            ["format"] = ModelFile.Format,
            ["version"] = ModelFile.Version,
            ["algorithm"] = model.Algorithm,
            ["task"] = info.Task,
        };
        if (info.Text is not null) root["text"] = info.Text;
        if (info.Label is not null) root["label"] = info.Label;
        if (info.Positive is not null) root["positive"] = info.Positive;
        if (info.Id is not null) root["id"] = info.Id;
        root["tfidf"] = new JsonObject
        {
            ["word_ngrams"] = new JsonArray(o.WordNgramMin, o.WordNgramMax),
            ["char_ngrams"] = new JsonArray(o.CharNgramMin, o.CharNgramMax),
            ["char_mode"] = o.CharMode == CharNgramMode.Within ? "within" : "across",
            ["lowercase"] = o.Lowercase,
            ["min_df"] = o.MinDocumentFrequency,
            ["max_df"] = o.MaxDocumentFrequency,
            ["max_features"] = o.MaxFeatures,
            ["sublinear_tf"] = o.SublinearTf,
            ["smooth_idf"] = o.SmoothIdf,
            ["normalize"] = o.Normalize,
            ["max_document_chars"] = o.MaxDocumentChars,
            ["vocabulary"] = new JsonArray([.. model.Vectorizer.Vocabulary.Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["idf"] = ModelFile.Numbers(model.Vectorizer.Idf),
        };
        root["linear"] = new JsonObject
        {
            ["intercept"] = model.Intercept,
            ["coefficients"] = ModelFile.Numbers(model.Coefficients),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    public static TextModelReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return new(null, null, $"not valid JSON: {ex.Message}");
        }

        try
        {
            if (root is not JsonObject obj) return new(null, null, "the top level must be a JSON object");
            if (ModelFile.Text(obj, "format") != ModelFile.Format) return new(null, null, $"\"format\" must be \"{ModelFile.Format}\": this is not an Ensuresec model file");
            int version = (int)ModelFile.Number(obj, "version");
            if (version != ModelFile.Version) return new(null, null, $"\"version\" is {version}; this build reads version {ModelFile.Version} (retrain the model or use the matching release)");
            string algorithm = ModelFile.Text(obj, "algorithm");
            var kind = algorithm switch
            {
                "text-logistic" => TextAlgorithm.Logistic,
                "text-svm" => TextAlgorithm.Svm,
                _ => throw new ModelFormatException($"\"algorithm\" \"{algorithm}\" is not a text classifier (text-logistic or text-svm)"),
            };
            string task = ModelFile.Text(obj, "task");
            var tfidf = ModelFile.Object(obj, "tfidf");
            var options = ReadOptions(tfidf);
            var vocabulary = ModelFile.Array(tfidf, "vocabulary").Select((n, i) => n is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0
                ? s : throw new ModelFormatException($"tfidf.vocabulary[{i}] must be a non-empty string")).ToArray();
            if (vocabulary.Length == 0) throw new ModelFormatException("tfidf.vocabulary is empty");
            var idf = ModelFile.Doubles(tfidf, "idf", "tfidf");
            if (idf.Length != vocabulary.Length) throw new ModelFormatException($"tfidf.idf needs {vocabulary.Length} values (one per vocabulary term)");
            if (idf.Any(v => v <= 0)) throw new ModelFormatException("tfidf.idf values must be > 0");
            var linear = ModelFile.Object(obj, "linear");
            double intercept = ModelFile.Number(linear, "intercept");
            var coefficients = ModelFile.Doubles(linear, "coefficients", "linear");
            if (coefficients.Length != vocabulary.Length) throw new ModelFormatException($"linear.coefficients needs {vocabulary.Length} values (one per vocabulary term)");
            if (vocabulary.Distinct(StringComparer.Ordinal).Count() != vocabulary.Length) throw new ModelFormatException("tfidf.vocabulary has a duplicate term");
            var model = new TextClassifier(kind, new TfidfVectorizer(options, vocabulary, idf), intercept, coefficients);
            var info = new ModelInfo(task, Optional(obj, "label"), Optional(obj, "positive"), Optional(obj, "id"), Optional(obj, "text"));
            return new(model, info, null);
        }
        catch (ModelFormatException ex)
        {
            return new(null, null, ex.Message);
        }
    }

    private static TfidfOptions ReadOptions(JsonObject o)
    {
        var word = Pair(o, "word_ngrams");
        var chars = Pair(o, "char_ngrams");
        var options = new TfidfOptions
        {
            WordNgramMin = word.Min, WordNgramMax = word.Max, CharNgramMin = chars.Min, CharNgramMax = chars.Max,
            CharMode = ModelFile.Text(o, "char_mode") switch
            {
                "within" => CharNgramMode.Within,
                "across" => CharNgramMode.Across,
                _ => throw new ModelFormatException("tfidf.char_mode must be \"within\" or \"across\""),
            },
            Lowercase = Bool(o, "lowercase"),
            MinDocumentFrequency = Int(o, "min_df"),
            MaxDocumentFrequency = ModelFile.Number(o, "max_df"),
            MaxFeatures = Int(o, "max_features"),
            SublinearTf = Bool(o, "sublinear_tf"),
            SmoothIdf = Bool(o, "smooth_idf"),
            Normalize = Bool(o, "normalize"),
            MaxDocumentChars = Int(o, "max_document_chars"),
        };
        var invalid = options.Validate();
        return invalid.Count == 0 ? options : throw new ModelFormatException("tfidf: " + string.Join("; ", invalid));
    }

    private static (int Min, int Max) Pair(JsonObject o, string name)
    {
        var values = ModelFile.Ints(o, name, "tfidf");
        return values.Length == 2 ? (values[0], values[1]) : throw new ModelFormatException($"tfidf.{name} must be [min, max]");
    }

    private static int Int(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int i) ? i : throw new ModelFormatException($"tfidf.{name} must be an integer");

    private static bool Bool(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : throw new ModelFormatException($"tfidf.{name} must be true or false");

    private static string? Optional(JsonObject o, string name) => o[name] is null ? null : ModelFile.Text(o, name);
}

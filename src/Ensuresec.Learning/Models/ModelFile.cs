using System.Text.Json;
using System.Text.Json.Nodes;
using Ensuresec.Learning.Anomaly;
using Ensuresec.Learning.Linear;
using Ensuresec.Learning.Trees;

namespace Ensuresec.Learning.Models;

/// <summary>
/// The versioned JSON form of a model: <c>{"format": "ensuresec-model", "version": 1, "algorithm", "task",
/// "features", and one of "gbdt", "logistic", "iforest"}</c>. Reading checks everything a hand edit or another
/// version could break (types, lengths, tree structure, finite numbers) and says which field is wrong.
/// </summary>
public static class ModelFile
{
    public const string Format = "ensuresec-model";

    /// <summary>The version this build writes and reads.</summary>
    public const int Version = 1;

    /// <summary>Files larger than this are refused before parsing.</summary>
    public const int MaxBytes = 512 * 1024 * 1024;

    public static string Write(IScoringModel model, string task) => Write(model, new ModelInfo(task));

    public static string Write(IScoringModel model, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        var root = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["algorithm"] = model.Algorithm,
            ["task"] = info.Task,
            ["features"] = new JsonArray([.. model.FeatureNames.Select(n => (JsonNode?)JsonValue.Create(n))]),
        };
        if (info.Label is not null) root["label"] = info.Label;
        if (info.Positive is not null) root["positive"] = info.Positive;
        if (info.Id is not null) root["id"] = info.Id;
        switch (model)
        {
            case GbdtModel gbdt:
                root["gbdt"] = new JsonObject
                {
                    ["base_margin"] = gbdt.BaseMargin,
                    ["trees"] = new JsonArray([.. gbdt.Trees.Select(t => (JsonNode?)TreeJson(t))]),
                };
                break;
            case LogisticModel logistic:
                root["logistic"] = new JsonObject
                {
                    ["intercept"] = logistic.Intercept,
                    ["coefficients"] = Numbers(logistic.Coefficients),
                    ["mean"] = Numbers(logistic.Mean),
                    ["scale"] = Numbers(logistic.Scale),
                };
                break;
            case IsolationForestModel forest:
                root["iforest"] = forest.ToJson();
                break;
            default:
                throw new ArgumentException($"cannot write a {model.GetType().Name}", nameof(model));
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>The model in <paramref name="json"/>, or the reason it cannot be used.</summary>
    public static ModelReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return ModelReadResult.Fail($"not valid JSON: {ex.Message}");
        }

        try
        {
            if (root is not JsonObject obj) return ModelReadResult.Fail("the top level must be a JSON object");
            if (Text(obj, "format") != Format) return ModelReadResult.Fail($"\"format\" must be \"{Format}\": this is not an Ensuresec model file");
            int version = (int)Number(obj, "version");
            if (version != Version) return ModelReadResult.Fail($"\"version\" is {version}; this build reads version {Version} (retrain the model or use the matching release)");
            string algorithm = Text(obj, "algorithm");
            if (algorithm.StartsWith("text-", StringComparison.Ordinal))
            {
                return ModelReadResult.Fail($"\"algorithm\" is {algorithm}: a text classifier scores a text column, not feature columns (read it with TextModelFile)");
            }

            string task = Text(obj, "task");
            var features = Array(obj, "features").Select((n, i) => n is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0
                ? s : throw new ModelFormatException($"features[{i}] must be a non-empty string")).ToArray();
            if (features.Length == 0) throw new ModelFormatException("\"features\" is empty");
            if (features.Distinct(StringComparer.Ordinal).Count() != features.Length) throw new ModelFormatException("\"features\" has a duplicate name");
            IScoringModel model = algorithm switch
            {
                "gbdt" => ReadGbdt(Object(obj, "gbdt"), features),
                "logistic" => ReadLogistic(Object(obj, "logistic"), features),
                "iforest" => IsolationForestModel.FromJson(Object(obj, "iforest"), features),
                _ => throw new ModelFormatException($"\"algorithm\" \"{algorithm}\" is not gbdt, logistic or iforest"),
            };
            return ModelReadResult.Ok(model, new ModelInfo(task, OptionalText(obj, "label"), OptionalText(obj, "positive"), OptionalText(obj, "id")));
        }
        catch (ModelFormatException ex)
        {
            return ModelReadResult.Fail(ex.Message);
        }
    }

    private static GbdtModel ReadGbdt(JsonObject o, string[] features)
    {
        double baseMargin = Number(o, "base_margin");
        var trees = new List<RegressionTree>();
        var array = Array(o, "trees");
        for (int t = 0; t < array.Count; t++)
        {
            trees.Add(ReadTree(array[t], $"gbdt.trees[{t}]", features.Length));
        }

        return new GbdtModel(features, baseMargin, trees);
    }

    private static LogisticModel ReadLogistic(JsonObject o, string[] features)
    {
        double intercept = Number(o, "intercept");
        var coefficients = Doubles(o, "coefficients", "logistic");
        var mean = Doubles(o, "mean", "logistic");
        var scale = Doubles(o, "scale", "logistic");
        if (coefficients.Length != features.Length || mean.Length != features.Length || scale.Length != features.Length)
        {
            throw new ModelFormatException($"logistic: coefficients, mean and scale need {features.Length} values each (one per feature)");
        }

        if (scale.Any(s => s <= 0)) throw new ModelFormatException("logistic.scale values must be > 0");
        return new LogisticModel(features, intercept, coefficients, mean, scale);
    }

    internal static RegressionTree ReadTree(JsonNode? node, string at, int featureCount)
    {
        if (node is not JsonObject tree) throw new ModelFormatException($"{at} must be an object");
        var parsed = new RegressionTree(
            Ints(tree, "feature", at), [.. Doubles(tree, "threshold", at).Select(d => (float)d)], Ints(tree, "left", at),
            Ints(tree, "right", at), Doubles(tree, "value", at), Doubles(tree, "cover", at));
        string? problem = parsed.Problem(featureCount);
        return problem is null ? parsed : throw new ModelFormatException($"{at} {problem}");
    }

    internal static JsonObject TreeJson(RegressionTree t) => new()
    {
        ["feature"] = new JsonArray([.. t.Feature.Select(v => (JsonNode?)JsonValue.Create(v))]),
        ["threshold"] = new JsonArray([.. t.Threshold.Select(v => (JsonNode?)JsonValue.Create((double)v))]),
        ["left"] = new JsonArray([.. t.Left.Select(v => (JsonNode?)JsonValue.Create(v))]),
        ["right"] = new JsonArray([.. t.Right.Select(v => (JsonNode?)JsonValue.Create(v))]),
        ["value"] = Numbers(t.Value),
        ["cover"] = Numbers(t.Cover),
    };

    internal static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    internal static string Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out string? s) ? s : throw new ModelFormatException($"\"{name}\" must be a string");

    private static string? OptionalText(JsonObject o, string name) => o[name] is null ? null : Text(o, name);

    internal static double Number(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) && double.IsFinite(d)
            ? d : throw new ModelFormatException($"\"{name}\" must be a finite number");

    internal static JsonObject Object(JsonObject o, string name) =>
        o[name] as JsonObject ?? throw new ModelFormatException($"\"{name}\" must be an object");

    internal static JsonArray Array(JsonObject o, string name) =>
        o[name] as JsonArray ?? throw new ModelFormatException($"\"{name}\" must be an array");

    internal static double[] Doubles(JsonObject o, string name, string at) =>
        [.. Array(o, name).Select((n, i) => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) && double.IsFinite(d)
            ? d : throw new ModelFormatException($"{at}.{name}[{i}] must be a finite number"))];

    internal static int[] Ints(JsonObject o, string name, string at) =>
        [.. Array(o, name).Select((n, i) => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int d)
            ? d : throw new ModelFormatException($"{at}.{name}[{i}] must be an integer"))];
}

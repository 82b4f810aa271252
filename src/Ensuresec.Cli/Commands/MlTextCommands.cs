using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ensuresec.Learning.Data;
using Ensuresec.Learning.Models;
using Ensuresec.Learning.Text;

namespace Ensuresec.Cli.Commands;

/// <summary>What <c>ml train</c> was asked for when the algorithm is text-logistic or text-svm.</summary>
internal sealed record MlTextTrainRequest(
    string Data, string TextColumn, string Label, string? Split, string? Id, string? Positive, string Out, string? Json, string Task, int Threads);

/// <summary><c>ml train|eval|score</c> for the linear text classifiers: the rows hold a text column, not numbers.</summary>
internal static class MlTextCommands
{
    public static int Train(MlTextTrainRequest request, TextTrainingOptions options, TextWriter o, TextWriter e)
    {
        var tableRequest = new TableRequest
        {
            Label = request.Label, Features = [], Text = [request.TextColumn], NonEmptyText = [request.TextColumn], Id = request.Id, Positive = request.Positive,
        };
        var (table, rows, loadError) = MlInput.Load(request.Data, tableRequest, request.Split);
        if (table is null) return MlInput.Usage(e, loadError!);
        var train = rows is null ? table : table.Select(rows[SplitSet.Train]);
        if (train.Rows == 0) return MlInput.Usage(e, "the split has no train rows");
        if (train.Labels!.Distinct().Count() < 2)
        {
            return MlInput.Usage(e, $"column '{request.Label}': the training rows have one class only ({train.Labels![0]}); a classifier needs both");
        }

        var clock = Stopwatch.StartNew();
        TextClassifier model;
        try
        {
            model = TextTrainer.Train(train.Text[request.TextColumn], train.Labels!, options);
        }
        catch (TextDocumentException ex)
        {
            return MlInput.Usage(e, Describe(request.Data, request.TextColumn, train, ex));
        }
        catch (ArgumentException ex)
        {
            return MlInput.Usage(e, ex.Message);
        }

        double seconds = clock.Elapsed.TotalSeconds;
        try
        {
            File.WriteAllText(request.Out, TextModelFile.Write(model, new ModelInfo(request.Task, request.Label, request.Positive, request.Id, request.TextColumn)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return MlInput.Usage(e, $"cannot write the model: {ex.Message}");
        }

        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {model.Algorithm} on {train.Rows:N0} texts, {model.Vectorizer.Vocabulary.Count:N0} n-grams, in {seconds:0.000} s; model written to {request.Out}"));
        var (evalRows, name) = MlInput.Evaluation(table, rows);
        MlTextEvaluation evaluation;
        try
        {
            evaluation = MlTextEvaluation.Of(model, evalRows, request.TextColumn, name, request.Threads, 0.5);
        }
        catch (TextDocumentException ex)
        {
            return MlInput.Usage(e, Describe(request.Data, request.TextColumn, evalRows, ex));
        }

        evaluation.Print(o);
        if (request.Json is not null)
        {
            var report = new
            {
                algorithm = model.Algorithm, task = request.Task, trainRows = train.Rows, vocabulary = model.Vectorizer.Vocabulary.Count,
                trainingSeconds = seconds, evaluation,
            };
            File.WriteAllText(request.Json, JsonSerializer.Serialize(report, MlJson.Options));
        }

        return ExitCodes.Ok;
    }

    public static int Eval(TextClassifier model, ModelInfo info, string data, string? split, string? label, string? id, string? positive,
        double threshold, int threads, string? json, TextWriter o, TextWriter e)
    {
        string? labelColumn = label ?? info.Label;
        if (labelColumn is null) return MlInput.Usage(e, "the model records no label column: give --label");
        if (info.Text is null) return MlInput.Usage(e, "the model records no text column");
        var request = new TableRequest
        {
            Label = labelColumn, Features = [], Text = [info.Text], NonEmptyText = [info.Text], Id = id ?? info.Id, Positive = positive ?? info.Positive,
        };
        var (table, rows, loadError) = MlInput.Load(data, request, split);
        if (table is null) return MlInput.Usage(e, loadError!);
        var (evalRows, name) = MlInput.Evaluation(table, rows);
        MlTextEvaluation evaluation;
        try
        {
            evaluation = MlTextEvaluation.Of(model, evalRows, info.Text, name, threads, threshold);
        }
        catch (TextDocumentException ex)
        {
            return MlInput.Usage(e, Describe(data, info.Text, evalRows, ex));
        }

        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {model.Algorithm} for {info.Task}, {model.Vectorizer.Vocabulary.Count:N0} n-grams of column '{info.Text}'"));
        evaluation.Print(o);
        if (json is not null) File.WriteAllText(json, JsonSerializer.Serialize(evaluation, MlJson.Options));
        return ExitCodes.Ok;
    }

    public static int Score(TextClassifier model, ModelInfo info, string data, string? split, string? id, string outPath, int reasons, int threads, TextWriter o, TextWriter e)
    {
        if (info.Text is null) return MlInput.Usage(e, "the model records no text column");
        var request = new TableRequest { Features = [], Text = [info.Text], NonEmptyText = [info.Text], Id = id ?? info.Id };
        var (table, rows, loadError) = MlInput.Load(data, request, split);
        if (table is null) return MlInput.Usage(e, loadError!);
        var scored = rows is null ? table : table.Select(rows[SplitSet.Test]);
        var texts = scored.Text[info.Text];
        double[] scores;
        try
        {
            scores = model.ScoreAll(texts, threads);
        }
        catch (TextDocumentException ex)
        {
            return MlInput.Usage(e, Describe(data, info.Text, scored, ex));
        }

        string? writeError = MlScoresFile.TryWrite(outPath, scored.Ids, scores, reasons > 0 ? r => Reasons(model.Explain(texts[r]), reasons) : null);
        if (writeError is not null) return MlInput.Usage(e, writeError);

        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scored {scored.Rows:N0} texts with {model.Algorithm}; written to {outPath}"));
        return ExitCodes.Ok;
    }

    // "term (+contribution); ..." for the n-grams that raised the score most; character n-grams quoted to show their spaces.
    private static string Reasons(TextExplanation explanation, int count) =>
        string.Join("; ", explanation.TopIncreasing(count).Select(t => string.Create(CultureInfo.InvariantCulture,
            $"{(t.Term.StartsWith(TfidfVectorizer.CharNgramPrefix, StringComparison.Ordinal) ? $"chars \"{t.Term[TfidfVectorizer.CharNgramPrefix.Length..]}\"" : t.Term)} (+{t.Contribution:0.###})")));

    private static string Describe(string file, string column, LearningTable rows, TextDocumentException ex) =>
        ex.Position >= 0 && ex.Position < rows.Rows
            ? $"{file}: row id '{rows.Ids[ex.Position]}': column '{column}': {ex.Message.Replace($"document {ex.Position} ", "the text ", StringComparison.Ordinal)}"
            : $"{file}: column '{column}': {ex.Message}";
}

using System.CommandLine;
using System.Text.Json;
using Ensuresec.Learning.Data;
using Ensuresec.Learning.Models;

namespace Ensuresec.Cli.Commands;

/// <summary><c>ensuresec ml eval</c>: the metrics of a trained model on labelled data (the split's test rows, or all rows).</summary>
internal static class MlEvalCommand
{
    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var data = new Argument<string>("DATA") { Description = "Labelled data: CSV (plain or .gz) or ARFF, with the model's feature columns." };
        var modelPath = new Option<string>("--model") { Description = "The model file written by ml train.", Required = true };
        var split = new Option<string>("--split") { Description = "Split file: evaluate on its test rows (its valid rows if it has no test rows)." };
        var label = new Option<string>("--label") { Description = "The label column (default: the one the model was trained on)." };
        var id = new Option<string>("--id") { Description = "The row id column for the split file (default: the model's)." };
        var positive = new Option<string>("--positive") { Description = "The label value of the positive class (default: the model's, else 0/1 labels)." };
        var threshold = new Option<string>("--threshold") { Description = "Score at or above which a row counts as flagged, for the confusion counts (default 0.5)." };
        var cardPrecision = new Option<string>("--card-precision") { Description = "DAY,CARD: also report card precision@k, ranking cards per day by their highest score." };
        var k = new Option<string>("--k") { Description = "k of card precision@k (default 100)." };
        var threads = new Option<string>("--threads") { Description = "Scoring threads (default: all cores)." };
        var json = new Option<string>("--json") { Description = "Also write the metrics as JSON to this file." };
        var command = new Command("eval", "Evaluate a model on labelled data: ROC-AUC, average precision, precision@k, calibration, confusion counts and top features.")
        {
            data, modelPath, split, label, id, positive, threshold, cardPrecision, k, threads, json,
        };
        command.SetAction(parse =>
        {
            var o = output ?? Console.Out;
            var e = error ?? Console.Error;
            if (!MlInput.TryDouble(parse.GetValue(threshold), 0.5, 0, 1, out double cut)) return MlInput.Usage(e, "--threshold must be a number from 0 to 1");
            if (!MlInput.TryInt(parse.GetValue(k), 100, 1, 1_000_000, out int kValue)) return MlInput.Usage(e, "--k must be an integer from 1 to 1000000");
            if (!MlInput.TryInt(parse.GetValue(threads), Environment.ProcessorCount, 1, 1024, out int threadCount)) return MlInput.Usage(e, "--threads must be an integer from 1 to 1024");
            var cardColumns = MlInput.List(parse.GetValue(cardPrecision));
            if (cardColumns is not null && cardColumns.Count != 2) return MlInput.Usage(e, "--card-precision takes two columns: DAY,CARD");

            var (loaded, modelError) = MlModelLoader.Load(parse.GetValue(modelPath)!);
            if (loaded is null) return MlInput.Usage(e, modelError!);
            var info = loaded.Info;
            if (loaded.Text is { } text)
            {
                if (cardColumns is not null) return MlInput.Usage(e, "--card-precision does not apply to a text classifier");
                return MlTextCommands.Eval(text, info, parse.GetValue(data)!, parse.GetValue(split), parse.GetValue(label), parse.GetValue(id),
                    parse.GetValue(positive), cut, threadCount, parse.GetValue(json), o, e);
            }

            var model = loaded.Model!;
            string? labelColumn = parse.GetValue(label) ?? info.Label;
            if (labelColumn is null) return MlInput.Usage(e, "the model records no label column: give --label");
            var request = new TableRequest
            {
                Label = labelColumn, Features = model.FeatureNames, Id = parse.GetValue(id) ?? info.Id,
                Positive = parse.GetValue(positive) ?? info.Positive, Text = cardColumns ?? [],
            };
            var (table, rows, loadError) = MlInput.Load(parse.GetValue(data)!, request, parse.GetValue(split));
            if (table is null) return MlInput.Usage(e, loadError!);
            var (evalRows, name) = MlInput.Evaluation(table, rows);
            if (evalRows.Rows == 0) return MlInput.Usage(e, "no rows to evaluate");
            var evaluation = MlEvaluation.Of(model, evalRows, name, threadCount, cut, cardColumns is null ? null : (cardColumns[0], cardColumns[1]), kValue);
            o.WriteLine($"model: {model.Algorithm} for {info.Task}, {model.FeatureNames.Count} features");
            evaluation.Print(o);
            string? jsonPath = parse.GetValue(json);
            if (jsonPath is not null) File.WriteAllText(jsonPath, JsonSerializer.Serialize(evaluation, MlJson.Options));
            return ExitCodes.Ok;
        });
        return command;
    }
}

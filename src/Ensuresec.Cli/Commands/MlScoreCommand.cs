using System.CommandLine;
using System.Globalization;
using Ensuresec.Learning.Data;

namespace Ensuresec.Cli.Commands;

/// <summary><c>ensuresec ml score</c>: writes each row's id, score and, with --explain, its top reasons.</summary>
internal static class MlScoreCommand
{
    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var data = new Argument<string>("DATA") { Description = "Rows to score: CSV (plain or .gz) or ARFF, with the model's feature columns." };
        var modelPath = new Option<string>("--model") { Description = "The model file written by ml train.", Required = true };
        var outPath = new Option<string>("--out") { Description = "Where to write the scores (CSV: id,score[,reasons]).", Required = true };
        var split = new Option<string>("--split") { Description = "Split file: score only its test rows." };
        var id = new Option<string>("--id") { Description = "The row id column (default: the model's, else the 0-based row number)." };
        var explain = new Option<string>("--explain") { Description = "Add the N features that raised each score most, with their contributions (default 0: off)." };
        var threads = new Option<string>("--threads") { Description = "Scoring threads (default: all cores)." };
        var command = new Command("score", "Score rows with a trained model and write id,score (and the reasons, with --explain) as CSV.")
        {
            data, modelPath, outPath, split, id, explain, threads,
        };
        command.SetAction(parse =>
        {
            var o = output ?? Console.Out;
            var e = error ?? Console.Error;
            if (!MlInput.TryInt(parse.GetValue(explain), 0, 0, 100, out int reasons)) return MlInput.Usage(e, "--explain must be an integer from 0 to 100");
            if (!MlInput.TryInt(parse.GetValue(threads), Environment.ProcessorCount, 1, 1024, out int threadCount)) return MlInput.Usage(e, "--threads must be an integer from 1 to 1024");
            var (loaded, modelError) = MlModelLoader.Load(parse.GetValue(modelPath)!);
            if (loaded is null) return MlInput.Usage(e, modelError!);
            var info = loaded.Info;
            if (loaded.Text is { } text)
            {
                return MlTextCommands.Score(text, info, parse.GetValue(data)!, parse.GetValue(split), parse.GetValue(id), parse.GetValue(outPath)!, reasons, threadCount, o, e);
            }

            var model = loaded.Model!;
            var request = new TableRequest { Features = model.FeatureNames, Id = parse.GetValue(id) ?? info.Id };
            var (table, rows, loadError) = MlInput.Load(parse.GetValue(data)!, request, parse.GetValue(split));
            if (table is null) return MlInput.Usage(e, loadError!);
            var scored = rows is null ? table : table.Select(rows[SplitSet.Test]);
            var scores = new double[scored.Rows];
            model.ScoreAll(scored.Features, scores, threadCount);
            string? writeError = MlScoresFile.TryWrite(parse.GetValue(outPath)!, scored.Ids, scores,
                reasons > 0 ? r => Reasons(model, scored.Features, r, reasons) : null);
            if (writeError is not null) return MlInput.Usage(e, writeError);

            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scored {scored.Rows:N0} rows with {model.Algorithm}; written to {parse.GetValue(outPath)}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    // "feature=value (+contribution); ..." for the features that raised the score most.
    private static string Reasons(Ensuresec.Learning.Models.IScoringModel model, FeatureMatrix rows, int r, int count)
    {
        var explanation = model.Explain(rows.Row(r));
        return string.Join("; ", explanation.TopIncreasing(count).Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{model.FeatureNames[f]}={rows[r, f]} (+{explanation.Contributions[f]:0.###})")));
    }
}

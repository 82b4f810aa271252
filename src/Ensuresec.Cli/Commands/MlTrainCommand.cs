using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ensuresec.Learning.Anomaly;
using Ensuresec.Learning.Data;
using Ensuresec.Learning.Linear;
using Ensuresec.Learning.Models;
using Ensuresec.Learning.Text;
using Ensuresec.Learning.Trees;

namespace Ensuresec.Cli.Commands;

/// <summary><c>ensuresec ml train</c>: trains a model on a CSV or ARFF file and writes it as a versioned JSON model file.</summary>
internal static class MlTrainCommand
{
    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var data = new Argument<string>("DATA") { Description = "Training data: CSV with a header row (plain or .gz) or ARFF (.arff)." };
        var task = new Option<string>("--task") { Description = "What the model is for, recorded in the model file (default fraud)." };
        var algorithm = new Option<string>("--algorithm") { Description = "gbdt (default), logistic, iforest, or text-logistic or text-svm (with --task text --text COLUMN)." };
        var label = new Option<string>("--label") { Description = "The label column (0/1, or see --positive). Required except for iforest." };
        var features = new Option<string>("--features") { Description = "Feature columns, comma-separated (default: every other column)." };
        var exclude = new Option<string>("--exclude") { Description = "Columns to leave out of the default features, comma-separated." };
        var split = new Option<string>("--split") { Description = "Split file (CSV id,set with set train, valid or test): train on train rows, stop early on valid rows, report on test rows." };
        var id = new Option<string>("--id") { Description = "The column with each row's id, as listed in the split file (default: the 0-based row number)." };
        var positive = new Option<string>("--positive") { Description = "The label value of the positive class when labels are not 0/1 (e.g. -1)." };
        var outPath = new Option<string>("--out") { Description = "Where to write the model (JSON).", Required = true };
        var json = new Option<string>("--json") { Description = "Also write the training report (settings, time, metrics) as JSON to this file." };
        var threads = new Option<string>("--threads") { Description = "Threads for training and scoring (default: all cores)." };
        var seed = new Option<string>("--seed") { Description = "Seed of the random sampling (default 0): the same seed and data give the same model." };
        var trees = new Option<string>("--trees") { Description = "gbdt, iforest: number of trees (default 100)." };
        var rate = new Option<string>("--learning-rate") { Description = "gbdt: shrinkage (default 0.3)." };
        var depth = new Option<string>("--max-depth") { Description = "gbdt: maximum depth (default 6)." };
        var leaves = new Option<string>("--max-leaves") { Description = "gbdt: maximum leaves per tree (default 0: depth limit only)." };
        var minChild = new Option<string>("--min-child-weight") { Description = "gbdt: minimum hessian sum per child (default 1)." };
        var l2 = new Option<string>("--l2") { Description = "gbdt: L2 regularisation of leaf values (default 1)." };
        var gamma = new Option<string>("--min-split-gain") { Description = "gbdt: minimum loss reduction per split (default 0)." };
        var subsample = new Option<string>("--subsample") { Description = "gbdt: share of rows per tree (default 1)." };
        var colsample = new Option<string>("--column-sample") { Description = "gbdt: share of features per tree (default 1)." };
        var bins = new Option<string>("--max-bins") { Description = "gbdt: histogram bins per feature, 2-65536 (default 256, as XGBoost; more comes closer to exact splits)." };
        var sketch = new Option<string>("--sketch-rounds") { Description = "gbdt: rounds of a first model whose hessians place the bins (default 10; 0: bins of equal row count, as XGBoost's hist)." };
        var early = new Option<string>("--early-stopping") { Description = "gbdt: stop after this many rounds without a better validation log loss (needs valid rows; default 0: off)." };
        var baseScore = new Option<string>("--base-score") { Description = "gbdt: the probability every row starts from, or 'prior' for the training positive rate (default 0.5, as XGBoost 1.7)." };
        var weight = new Option<string>("--positive-weight") { Description = "gbdt, logistic: weight of a positive row against a negative one (default 1)." };
        var c = new Option<string>("--c") { Description = "logistic, text-logistic, text-svm: inverse regularisation strength C (default 1, as scikit-learn)." };
        var noStandardize = new Option<bool>("--no-standardize") { Description = "logistic: do not standardise features." };
        var sampleSize = new Option<string>("--sample-size") { Description = "iforest: rows per tree (default 256)." };
        var textOptions = new MlTextOptions();
        var command = new Command("train", "Train a model (gradient-boosted trees, logistic regression, isolation forest, or a linear text classifier) and print its metrics and top features.")
        {
            data, task, algorithm, label, features, exclude, split, id, positive, outPath, json, threads, seed,
            trees, rate, depth, leaves, minChild, l2, gamma, subsample, colsample, bins, sketch, early, baseScore, weight, c, noStandardize, sampleSize,
        };
        foreach (var option in textOptions.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var o = output ?? Console.Out;
            var e = error ?? Console.Error;
            string algo = parse.GetValue(algorithm) ?? "gbdt";
            if (algo is not ("gbdt" or "logistic" or "iforest" or "text-logistic" or "text-svm"))
            {
                return MlInput.Usage(e, "--algorithm must be gbdt, logistic, iforest, text-logistic or text-svm");
            }

            string? labelColumn = parse.GetValue(label);
            if (labelColumn is null && algo != "iforest") return MlInput.Usage(e, "--label is required (the column with the 0/1 label)");
            if (!MlInput.TryInt(parse.GetValue(threads), Environment.ProcessorCount, 1, 1024, out int threadCount)) return MlInput.Usage(e, "--threads must be an integer from 1 to 1024");
            if (!MlInput.TryInt(parse.GetValue(seed), 0, int.MinValue, int.MaxValue, out int seedValue)) return MlInput.Usage(e, "--seed must be an integer");

            var settings = new Settings(parse, e);
            string? textColumn = parse.GetValue(textOptions.Text);
            if (algo.StartsWith("text-", StringComparison.Ordinal))
            {
                if (textColumn is null) return MlInput.Usage(e, $"--algorithm {algo} needs --text COLUMN (the column holding the text)");
                if (parse.GetValue(features) is not null || parse.GetValue(exclude) is not null) return MlInput.Usage(e, "--features and --exclude do not apply to a text classifier (it reads --text)");
                double cValue = settings.Double(c, 1);
                if (settings.Failed) return ExitCodes.BadUsage;
                var (textSettings, textError) = textOptions.Read(parse, algo == "text-svm" ? TextAlgorithm.Svm : TextAlgorithm.Logistic, cValue, seedValue, threadCount);
                if (textSettings is null) return MlInput.Usage(e, textError!);
                var textRequest = new MlTextTrainRequest(parse.GetValue(data)!, textColumn, labelColumn!, parse.GetValue(split), parse.GetValue(id),
                    parse.GetValue(positive), parse.GetValue(outPath)!, parse.GetValue(json), parse.GetValue(task) ?? "text", threadCount);
                return MlTextCommands.Train(textRequest, textSettings, o, e);
            }

            if (textColumn is not null) return MlInput.Usage(e, "--text applies to text-logistic and text-svm only");
            var gbdt = new GbdtOptions
            {
                Trees = settings.Int(trees, 100), LearningRate = settings.Double(rate, 0.3), MaxDepth = settings.Int(depth, 6),
                MaxLeaves = settings.Int(leaves, 0), MinChildWeight = settings.Double(minChild, 1), L2 = settings.Double(l2, 1),
                MinSplitGain = settings.Double(gamma, 0), Subsample = settings.Double(subsample, 1), ColumnSample = settings.Double(colsample, 1),
                MaxBins = settings.Int(bins, 256), SketchRounds = settings.Int(sketch, 10), EarlyStoppingRounds = settings.Int(early, 0), PositiveClassWeight = settings.Double(weight, 1),
                Seed = seedValue, Threads = threadCount,
                BaseScore = parse.GetValue(baseScore) == "prior" ? null : settings.Double(baseScore, 0.5),
            };
            var logistic = new LogisticOptions { C = settings.Double(c, 1), Standardize = !parse.GetValue(noStandardize), PositiveClassWeight = settings.Double(weight, 1), Threads = threadCount };
            var forest = new IsolationForestOptions { Trees = settings.Int(trees, 100), SampleSize = settings.Int(sampleSize, 256), Seed = seedValue, Threads = threadCount };
            if (settings.Failed) return ExitCodes.BadUsage;
            var invalid = algo switch { "gbdt" => gbdt.Validate(), "logistic" => logistic.Validate(), _ => forest.Validate() };
            if (invalid.Count > 0) return MlInput.Usage(e, "--" + string.Join("; --", invalid));

            var request = new TableRequest
            {
                Label = labelColumn, Features = MlInput.List(parse.GetValue(features)), Exclude = MlInput.List(parse.GetValue(exclude)) ?? [],
                Id = parse.GetValue(id), Positive = parse.GetValue(positive),
            };
            var (table, rows, loadError) = MlInput.Load(parse.GetValue(data)!, request, parse.GetValue(split));
            if (table is null) return MlInput.Usage(e, loadError!);
            var train = rows is null ? table : table.Select(rows[SplitSet.Train]);
            var valid = rows is null || rows[SplitSet.Valid].Count == 0 ? null : table.Select(rows[SplitSet.Valid]);
            if (train.Rows == 0) return MlInput.Usage(e, "the split has no train rows");
            if (labelColumn is not null && train.Labels!.Distinct().Count() < 2)
            {
                return MlInput.Usage(e, $"column '{labelColumn}': the training rows have one class only ({train.Labels![0]}); a classifier needs both");
            }

            if (gbdt.EarlyStoppingRounds > 0 && valid is null && algo == "gbdt") return MlInput.Usage(e, "--early-stopping needs valid rows in the --split file");

            var clock = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            IScoringModel model;
            int? bestRound = null;
            switch (algo)
            {
                case "gbdt":
                    var result = GbdtTrainer.Train(train.Labeled(), gbdt, valid?.Labeled());
                    model = result.Model;
                    bestRound = valid is null ? null : result.BestRound + 1;
                    break;
                case "logistic":
                    model = LogisticTrainer.Train(train.Labeled(), logistic);
                    break;
                default:
                    model = IsolationForest.Train(train.Features, forest);
                    break;
            }

            double seconds = clock.Elapsed.TotalSeconds;
            // CPU time too: on a shared machine the wall clock also counts other jobs' time.
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            string taskName = parse.GetValue(task) ?? "fraud";
            try
            {
                File.WriteAllText(parse.GetValue(outPath)!, ModelFile.Write(model, new ModelInfo(taskName, labelColumn, request.Positive, request.Id)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return MlInput.Usage(e, $"cannot write the model: {ex.Message}");
            }

            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trained {algo} on {train.Rows:N0} rows × {train.Features.Columns} features in {seconds:0.000} s (CPU {cpuSeconds:0.000} s){(bestRound is { } b ? $" (kept {b} trees, best validation log loss)" : "")}; model written to {parse.GetValue(outPath)}"));
            MlEvaluation? evaluation = null;
            if (labelColumn is not null)
            {
                var (evalRows, name) = MlInput.Evaluation(table, rows);
                evaluation = MlEvaluation.Of(model, evalRows, name, threadCount, 0.5, null, 100);
                evaluation.Print(o);
            }

            string? jsonPath = parse.GetValue(json);
            if (jsonPath is not null)
            {
                var report = new { algorithm = algo, task = taskName, trainRows = train.Rows, features = model.FeatureNames, trainingSeconds = seconds, trainingCpuSeconds = cpuSeconds, keptTrees = bestRound, evaluation };
                File.WriteAllText(jsonPath, JsonSerializer.Serialize(report, MlJson.Options));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reads numeric options, printing every bad one.</summary>
    private sealed class Settings(ParseResult parse, TextWriter error)
    {
        public bool Failed { get; private set; }

        public int Int(Option<string> option, int fallback)
        {
            if (MlInput.TryInt(parse.GetValue(option), fallback, int.MinValue, int.MaxValue, out int v)) return v;
            Failed = true;
            MlInput.Usage(error, $"{option.Name} must be an integer");
            return fallback;
        }

        public double Double(Option<string> option, double fallback)
        {
            if (MlInput.TryDouble(parse.GetValue(option), fallback, double.MinValue, double.MaxValue, out double v)) return v;
            Failed = true;
            MlInput.Usage(error, $"{option.Name} must be a number");
            return fallback;
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using Ensuresec.Assessment.Catalogue;
using Ensuresec.Assessment.Graph;
using Ensuresec.Assessment.Model;
using Ensuresec.Assessment.Report;

namespace Ensuresec.Cli.Commands;

/// <summary>
/// <c>ensuresec assess MODEL.yaml</c>: threats per element, the attack graph, the top paths to each crown jewel,
/// risk per asset, the cheapest controls that cut every path above the threshold and cascading effects; printed,
/// and written as HTML (with the attack graph in SVG) and optionally JSON. Public so its tests can drive it.
/// </summary>
public static class AssessCommand
{
    /// <param name="stdout">Where the summary goes; the console if null.</param>
    /// <param name="stderr">Where errors go; the console if null.</param>
    public static Command Create(TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var model = new Argument<string>("MODEL") { Description = "The model (YAML; see docs/ASSESSMENT.md)." };
        var json = new Option<string>("--json") { Description = "Write the assessment as JSON to this file ('-' for standard output, instead of the summary)." };
        var html = new Option<string>("--html") { Description = "Write the HTML report here (default: MODEL-NAME.report.html in the working folder)." };
        var noHtml = new Option<bool>("--no-html") { Description = "Do not write the HTML report." };
        var threshold = new Option<string>("--threshold") { Description = "Risk threshold (likelihood × impact 1-5) a path must reach to be cut (0.001-5; default: the model's, else 0.5)." };
        var rank = new Option<string>("--rank") { Description = "Rank paths by likelihood (default) or effort." };
        var top = new Option<string>("--top") { Description = "Paths shown per crown jewel (1-100; default: the model's, else 5)." };
        var cascade = new Option<string[]>("--cascade") { Description = "Show the cascading effects of this asset being compromised or down (repeatable; default: every crown jewel).", AllowMultipleArgumentsPerToken = false };
        var catalogue = new Option<string>("--catalogue") { Description = "Use this threat catalogue (YAML, same format as the shipped one) instead of the shipped e-commerce catalogue." };
        var command = new Command("assess", "Assess a model of cyber, physical and human assets: attack paths to the crown jewels, risks, the cheapest controls that cut them, cascading effects.")
        {
            model, json, html, noHtml, threshold, rank, top, cascade, catalogue,
        };
        command.SetAction(parse =>
        {
            var output = stdout ?? Console.Out;
            var errors = stderr ?? Console.Error;
            int Usage(string reason)
            {
                errors.WriteLine($"error: {reason} (see ensuresec assess --help)");
                return ExitCodes.BadUsage;
            }

            var shipped = ThreatCatalogue.ECommerce;
            if (parse.GetValue(catalogue) is { } catalogueFile)
            {
                var (loaded, catalogueErrors) = LoadCatalogue(catalogueFile);
                if (loaded is null)
                {
                    foreach (var e in catalogueErrors) errors.WriteLine($"catalogue error: {e}");
                    return ExitCodes.BadUsage;
                }

                shipped = loaded;
            }

            string modelFile = parse.GetValue(model)!;
            var result = ModelLoader.LoadFile(modelFile, shipped);
            if (result.Model is null)
            {
                foreach (var e in result.Errors) errors.WriteLine($"model error: {e}");
                return ExitCodes.BadUsage;
            }

            var m = result.Model;
            if (!TryDouble(parse.GetValue(threshold), m.Settings.Threshold, 0.001, 5, out double t)) return Usage("--threshold must be a number from 0.001 to 5");
            if (!TryInt(parse.GetValue(top), m.Settings.TopPaths, 1, 100, out int k)) return Usage("--top must be a whole number from 1 to 100");
            PathRanking ranking;
            switch (parse.GetValue(rank))
            {
                case null or "likelihood": ranking = PathRanking.Likelihood; break;
                case "effort": ranking = PathRanking.Effort; break;
                default: return Usage("--rank must be likelihood or effort");
            }

            var cascades = parse.GetValue(cascade) ?? [];
            foreach (string name in cascades.Where(n => !m.Assets.Any(a => a.Name == n))) return Usage($"--cascade: no asset named '{name}' in the model");

            var report = Assessor.Assess(m, result.Catalogue!, new AssessOptions(t, k, ranking, cascades));
            string? jsonFile = parse.GetValue(json);
            try
            {
                if (jsonFile == "-")
                {
                    using var stdoutStream = new MemoryStream();
                    JsonReport.Write(report, stdoutStream);
                    output.WriteLine(Encoding.UTF8.GetString(stdoutStream.ToArray()));
                }
                else
                {
                    ConsoleSummary.Write(report, output);
                }

                if (jsonFile is not null and not "-")
                {
                    using var file = new FileStream(jsonFile, FileMode.Create, FileAccess.Write, FileShare.None);
                    JsonReport.Write(report, file);
                }

                if (!parse.GetValue(noHtml))
                {
                    string htmlFile = parse.GetValue(html) ?? Path.GetFileNameWithoutExtension(modelFile) + ".report.html";
                    File.WriteAllText(htmlFile, HtmlReport.Render(report), new UTF8Encoding(false));
                    if (jsonFile != "-") output.WriteLine($"HTML report: {htmlFile}");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return Usage($"cannot write output: {ex.Message}");
            }

            return report.HasRiskAboveThreshold ? ExitCodes.FindingsAtOrAbove : ExitCodes.Ok;
        });
        return command;
    }

    private static (ThreatCatalogue?, IReadOnlyList<ModelError>) LoadCatalogue(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return (null, [new ModelError(path, 0, 0, "(file)", "not found")]);
        if (info.Length > ModelLoader.MaxBytes) return (null, [new ModelError(path, 0, 0, "(file)", $"larger than {ModelLoader.MaxBytes} bytes")]);
        try
        {
            return ThreatCatalogue.Load(File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true)), path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return (null, [new ModelError(path, 0, 0, "(file)", ex is DecoderFallbackException ? "not valid UTF-8" : ex.Message)]);
        }
    }

    private static bool TryInt(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (text is null) return true;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static bool TryDouble(string? text, double fallback, double min, double max, out double value)
    {
        value = fallback;
        if (text is null) return true;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value >= min && value <= max;
    }
}

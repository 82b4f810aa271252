using System.CommandLine;
using Ensuresec.Workflows;
using Ensuresec.Workflows.Checking;
using Ensuresec.Workflows.Promela;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec check WORKFLOW`: model-checks a workflow's properties; exit 1 with the counterexample when one fails.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("WORKFLOW") { Description = "A workflow file (docs/WORKFLOWS.md), e.g. examples/workflows/order-to-cash.wf." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on standard output." };
        var maxStates = new Option<int>("--max-states") { Description = "Stop after this many states (system states, and product states per LTL property).", DefaultValueFactory = _ => 2_000_000 };
        var timeLimit = new Option<double>("--time-limit") { Description = "Stop the search after this many seconds.", DefaultValueFactory = _ => 300 };
        var promela = new Option<string?>("--promela") { Description = "Also write the model as Promela (for SPIN) to this file." };
        var command = new Command("check", "Model-check a business workflow: safety by breadth-first search (shortest counterexamples), LTL and liveness under weak fairness by an SCC search (lasso counterexamples). Exit 0 all hold, 1 a property fails, 2 bad input or a bound reached.")
        {
            file, json, maxStates, timeLimit, promela,
        };
        command.SetAction(pr =>
        {
            var err = Console.Error;
            int max = pr.GetValue(maxStates);
            double seconds = pr.GetValue(timeLimit);
            if (max < 1)
            {
                err.WriteLine("--max-states: must be at least 1");
                return ExitCodes.BadUsage;
            }

            if (!(seconds > 0) || seconds > 86_400)
            {
                err.WriteLine("--time-limit: must be between 0 and 86400 seconds");
                return ExitCodes.BadUsage;
            }

            string path = pr.GetValue(file)!;
            var workflow = WorkflowLoader.Load(path, out var errors);
            if (workflow is null)
            {
                foreach (var e in errors) err.WriteLine(e);
                return ExitCodes.BadUsage;
            }

            if (pr.GetValue(promela) is { } pml)
            {
                try
                {
                    File.WriteAllText(pml, PromelaExporter.Export(workflow));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    err.WriteLine($"--promela: cannot write {pml}: {e.Message}");
                    return ExitCodes.BadUsage;
                }
            }

            var report = WorkflowChecker.Check(workflow, new CheckLimits { MaxStates = max, TimeLimit = TimeSpan.FromSeconds(seconds) });
            if (pr.GetValue(json))
            {
                using var buffer = new MemoryStream();
                CheckReportJson.Write(buffer, report);
                Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                Console.Write(CheckReportText.Format(report));
            }

            if (report.AnyFailed) return ExitCodes.FindingsAtOrAbove;
            if (!report.AllHold)
            {
                err.WriteLine($"{path}: not every property could be decided: {report.StopReason ?? "see the notes above"}; raise --max-states or --time-limit");
                return ExitCodes.BadUsage;
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

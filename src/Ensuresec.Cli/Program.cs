using System.CommandLine;
using Ensuresec.Cli;
using Ensuresec.Cli.Commands;
using Ensuresec.Config;

var root = new RootCommand("Ensuresec: security monitoring, detection and evidence for e-commerce.");
root.Subcommands.Add(AnalyzeCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
// The demo scores the detectors as configured (./ensuresec.yaml when present), like analyze and serve.
var demoConfig = new Lazy<EnsuresecConfig>(() => ConfigOption.Load(null, Console.Error) ?? new EnsuresecConfig());
root.Subcommands.Add(DemoCommand.Create(assets => Composition.Detectors(demoConfig.Value, assets)));
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(PlaybookCommand.Create());
root.Subcommands.Add(RespondCommand.Create());
root.Subcommands.Add(LedgerCommand.Create());
root.Subcommands.Add(WitnessCommand.Create());
root.Subcommands.Add(AssessCommand.Create());
root.Subcommands.Add(WafCommand.Create());
root.Subcommands.Add(MlCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(IntegrityCommand.Create());
root.Subcommands.Add(ComponentsCommand.Create());
root.Subcommands.Add(PagesCommand.Create());
root.Subcommands.Add(AssetsCommand.Create());
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad usage is exit code 2 by our contract (System.CommandLine's default is 1, which means findings here).
    foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("See --help.");
    return ExitCodes.BadUsage;
}

return await parsed.InvokeAsync().ConfigureAwait(false);

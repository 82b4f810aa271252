using System.CommandLine;
using Ensuresec.Cli.Commands;

var root = new RootCommand("Ensuresec: security monitoring, detection and evidence for e-commerce.");
root.Subcommands.Add(AnalyzeCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

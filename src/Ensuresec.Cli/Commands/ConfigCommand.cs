using System.CommandLine;
using Ensuresec.Config;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec config show|check`: the effective configuration, and validation for scripts.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Show or check the configuration (ensuresec.yaml).");
        var showConfig = ConfigOption.Create();
        var show = new Command("show", "Print every configuration key with its effective value (defaults merged with the file), as YAML that loads back unchanged.") { showConfig };
        show.SetAction(pr =>
        {
            var cfg = ConfigOption.Load(pr.GetValue(showConfig), Console.Error);
            if (cfg is null) return ExitCodes.BadUsage;
            Console.Out.Write(OptionsWriter.ToYaml(cfg));
            return ExitCodes.Ok;
        });
        var checkConfig = ConfigOption.Create();
        var check = new Command("check", "Validate the configuration; print every error with its line and key; exit 2 if there is any.") { checkConfig };
        check.SetAction(pr =>
        {
            var cfg = ConfigOption.Load(pr.GetValue(checkConfig), Console.Error);
            if (cfg is null) return ExitCodes.BadUsage;
            Console.Out.WriteLine("configuration is valid");
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(show);
        command.Subcommands.Add(check);
        return command;
    }
}

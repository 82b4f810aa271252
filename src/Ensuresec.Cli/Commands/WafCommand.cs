using System.CommandLine;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec waf`: the web application firewall's analyser, evaluated on reference data.</summary>
internal static class WafCommand
{
    public static Command Create()
    {
        var waf = new Command("waf", "Web attack detection: evaluate the request analyser on the OWASP CRS regression requests and real logs.");
        waf.Subcommands.Add(WafEvalCommand.Create());
        waf.Subcommands.Add(WafServeCommand.Create());
        waf.Subcommands.Add(WafSigmaCommand.Create());
        return waf;
    }
}

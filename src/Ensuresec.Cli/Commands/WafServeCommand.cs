using System.CommandLine;
using Ensuresec.Waf;
using Ensuresec.Waf.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec waf serve`: the decision endpoint for nginx's auth_request (see docs/WAF.md for the nginx snippet).</summary>
internal static class WafServeCommand
{
    public const string KeyVariable = "ENSURESEC_WAF_KEY";

    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Address to listen on (keep it on loopback).", DefaultValueFactory = _ => "http://127.0.0.1:8089" };
        var mode = new Option<WafMode>("--mode") { Description = "monitor (always allow, report in headers) or block (403 for attacks).", DefaultValueFactory = _ => WafMode.Monitor };
        var paranoia = new Option<int>("--paranoia") { Description = "Paranoia level 1-4.", DefaultValueFactory = _ => new WafOptions().Paranoia };
        var exclusions = new Option<FileInfo[]>("--exclusions") { Description = "Exclusion files (YAML; see docs/WAF.md), e.g. the shipped shop pack.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("serve", $"Serve the auth_request decision endpoint at /waf/decision. nginx must send the shared key (environment variable {KeyVariable}) in X-Api-Key.")
        {
            listen, mode, paranoia, exclusions,
        };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            string? key = Environment.GetEnvironmentVariable(KeyVariable);
            if (string.IsNullOrEmpty(key) || key.Length < 16)
            {
                Console.Error.WriteLine($"set {KeyVariable} to a shared secret of at least 16 characters (nginx sends it in X-Api-Key)");
                return ExitCodes.BadUsage;
            }

            int pl = pr.GetValue(paranoia);
            if (pl is < 1 or > 4)
            {
                Console.Error.WriteLine("--paranoia must be 1..4");
                return ExitCodes.BadUsage;
            }

            var loaded = WafExclusionFiles.Load(pr.GetValue(exclusions) ?? [], Console.Error);
            if (loaded is null) return ExitCodes.BadUsage;
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.WebHost.UseUrls(pr.GetValue(listen)!);
            await using var app = builder.Build();
            app.MapWafDecision("/waf/decision", pr.GetValue(mode), new WafOptions { Paranoia = pl, Exclusions = loaded }, key);
            Console.WriteLine($"WAF decision endpoint on {pr.GetValue(listen)}/waf/decision ({pr.GetValue(mode)}, paranoia {pl}, {loaded.Rules.Count} exclusions)");
            await app.StartAsync(ct).ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}

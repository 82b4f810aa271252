using System.CommandLine;
using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Core.Json;
using Ensuresec.Integrity.Inspect;
using Ensuresec.Integrity.Pages;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec pages watch|inventory|accept|reject`: page integrity monitoring of checkout and payment pages.</summary>
internal static class PagesCommand
{
    private static Option<string> InventoryOption() => new("--inventory") { Description = "The inventory folder.", DefaultValueFactory = _ => Path.Combine("ensuresec-data", "pages") };

    public static Command Create()
    {
        var command = new Command("pages", "Page integrity (PCI DSS 6.4.3 and 11.6.1): the scripts, form targets and CSP of payment pages, versioned and reviewed.");
        command.Subcommands.Add(Watch());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Decide("accept", "accepted"));
        command.Subcommands.Add(Decide("reject", "rejected"));
        return command;
    }

    private static Command Watch()
    {
        var urls = new Option<string[]>("--url") { Description = "A page to watch (repeatable); checkout and payment pages first.", Required = true };
        var inventory = InventoryOption();
        var origins = new Option<string[]>("--origin") { Description = "More hosts of the shop's own (the watched pages' hosts always count)." };
        var interval = new Option<int>("--interval") { Description = "Seconds between rounds.", DefaultValueFactory = _ => 300 };
        var once = new Option<bool>("--once") { Description = "Fetch every page once, report, and exit (1 when there are findings)." };
        var json = new Option<bool>("--json") { Description = "Print findings as JSON lines." };
        var command = new Command("watch", "Fetch the pages, inventory their scripts (hash, origin, SRI), forms and CSP, and report changes against the accepted version and skimmers in the scripts.")
        {
            urls, inventory, origins, interval, once, json,
        };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var pages = new List<Uri>();
            foreach (string u in pr.GetValue(urls)!)
            {
                if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return Fail($"--url: '{u}' is not an http(s) address");
                pages.Add(uri);
            }

            if (pr.GetValue(interval) < 10) return Fail("--interval: at least 10 seconds");
            var (inv, error) = PageInventory.Open(pr.GetValue(inventory)!);
            if (inv is null) return Fail(error!);
            var own = pages.Select(p => p.Host).Concat(pr.GetValue(origins) ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var monitor = new PageMonitor(new Inspector(new InspectOptions { OwnHosts = own }));
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 5, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
            var fetcher = new PageFetcher(http, TimeProvider.System);
            bool any = false;
            while (!ct.IsCancellationRequested)
            {
                foreach (var page in pages)
                {
                    var (snapshot, texts) = await fetcher.FetchAsync(page, ct).ConfigureAwait(false);
                    foreach (string p in snapshot.Problems) Console.Error.WriteLine($"problem: {page}: {p}");
                    if (snapshot.Status is < 200 or >= 300) continue;
                    var reference = inv.Reference(snapshot.Url);
                    var version = inv.Record(snapshot);
                    var findings = monitor.Judge(snapshot, reference?.Snapshot, texts, TimeProvider.System.GetUtcNow());
                    if (reference is null) Console.WriteLine($"{page}: first version recorded (v{version.Number}, pending): {snapshot.Scripts.Count} scripts, {snapshot.Forms.Count} forms; review it with `ensuresec pages inventory` and accept it");
                    foreach (var f in findings)
                    {
                        any = true;
                        Console.WriteLine(pr.GetValue(json) ? FindingJson.ToJson(f) : $"{f.Severity.ToName(),-8} {f.RuleId} {f.Explanation}");
                    }
                }

                inv.Save();
                if (pr.GetValue(once)) break;
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(pr.GetValue(interval)), ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            return any ? ExitCodes.FindingsAtOrAbove : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var inventory = InventoryOption();
        var json = new Option<bool>("--json") { Description = "Print the inventory as JSON." };
        var command = new Command("inventory", "Show every watched page's versions: scripts with hash, origin and SRI, form targets, CSP, and review status.") { inventory, json };
        command.SetAction(pr =>
        {
            var (inv, error) = PageInventory.Open(pr.GetValue(inventory)!);
            if (inv is null) return Fail(error!);
            if (pr.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
                w.WriteStartObject();
                foreach (var (url, versions) in inv.Pages)
                {
                    w.WriteStartArray(url);
                    foreach (var v in versions)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("n", v.Number);
                        w.WriteString("status", v.Status);
                        w.WritePropertyName("snapshot");
                        PageInventory.WriteSnapshot(w, v.Snapshot);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
                return ExitCodes.Ok;
            }

            foreach (var (url, versions) in inv.Pages)
            {
                Console.WriteLine(url);
                foreach (var v in versions)
                {
                    Console.WriteLine($"  v{v.Number} {v.Status}{(v.DecidedBy is null ? string.Empty : " by " + v.DecidedBy)} seen {v.Snapshot.FetchedAt:u}");
                    foreach (var s in v.Snapshot.Scripts) Console.WriteLine($"    script {s.Kind} {s.Src ?? string.Empty} {s.Sha256} {(string.IsNullOrEmpty(s.Integrity) ? (s.Kind == "external" ? "no SRI" : string.Empty) : "SRI " + s.Integrity)}");
                    foreach (var f in v.Snapshot.Forms) Console.WriteLine($"    form {f.Method} {f.Action}");
                    Console.WriteLine($"    csp {(v.Snapshot.CspReportOnly ? "(report-only) " : string.Empty)}{v.Snapshot.Csp ?? "none"}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Decide(string name, string status)
    {
        var inventory = InventoryOption();
        var url = new Option<string>("--url") { Description = "The page.", Required = true };
        var version = new Option<int?>("--version") { Description = "The version number (default: the latest)." };
        var by = new Option<string>("--by") { Description = "Who decides (kept in the inventory).", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command(name, $"Mark a version of a page as {status} by an analyst; changes are judged against the last accepted version.") { inventory, url, version, by };
        command.SetAction(pr =>
        {
            var (inv, error) = PageInventory.Open(pr.GetValue(inventory)!);
            if (inv is null) return Fail(error!);
            string? problem = inv.Decide(pr.GetValue(url)!, pr.GetValue(version), status, pr.GetValue(by)!);
            if (problem is not null) return Fail(problem);
            inv.Save();
            Console.WriteLine($"{pr.GetValue(url)}: {(pr.GetValue(version) is { } n ? "v" + n : "the latest version")} {status}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.BadUsage;
    }
}

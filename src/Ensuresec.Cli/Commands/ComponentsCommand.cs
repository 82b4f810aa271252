using System.CommandLine;
using System.Text.Json;
using Ensuresec.Core.Events;
using Ensuresec.Core.Json;
using Ensuresec.Integrity.Components;
using Ensuresec.Integrity.Components.Discovery;
using Ensuresec.Integrity.Components.Osv;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec components audit`: third-party components (SBOM, lock files, plugins) against OSV advisories.</summary>
internal static class ComponentsCommand
{
    public static Command Create()
    {
        var command = new Command("components", "Third-party components: inventory (CycloneDX) and known vulnerabilities (OSV).");
        var paths = new Argument<string[]>("PATH") { Description = "Shop folders to discover components in (composer.lock, package-lock.json, wp-content/plugins, app/code), or lock files.", Arity = ArgumentArity.ZeroOrMore };
        var sbom = new Option<string[]>("--sbom") { Description = "CycloneDX JSON SBOM to read (repeatable)." };
        var osv = new Option<string[]>("--osv") { Description = "OSV advisories: a .json record, a folder of them or an osv.dev .zip export (repeatable).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print components, findings and problems as JSON." };
        var sbomOut = new Option<string?>("--sbom-out") { Description = "Write the components found as a CycloneDX 1.6 JSON SBOM to this file." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit with 1 when a finding is at or above this severity.", DefaultValueFactory = _ => "low" };
        var audit = new Command("audit", "Find the shop's components and report those that OSV advisories affect, with CVSS severity and the fixed version.") { paths, sbom, osv, json, sbomOut, failOn };
        audit.SetAction(pr =>
        {
            if (!SeverityNames.TryParse(pr.GetValue(failOn)!, out var failAt)) return Fail($"--fail-on: '{pr.GetValue(failOn)}' is not one of info, low, medium, high, critical");
            var components = new List<Component>();
            var problems = new List<string>();
            foreach (string file in pr.GetValue(sbom) ?? [])
            {
                if (!File.Exists(file)) return Fail($"--sbom: {file}: no such file");
                var (c, e) = CycloneDxReader.Read(file);
                components.AddRange(c);
                problems.AddRange(e);
            }

            foreach (string path in pr.GetValue(paths) ?? [])
            {
                var (c, e) = Path.GetFileName(path) switch
                {
                    "composer.lock" when File.Exists(path) => LockFileReader.ComposerLock(path),
                    "package-lock.json" when File.Exists(path) => LockFileReader.PackageLock(path),
                    _ when Directory.Exists(path) => ComponentDiscovery.Discover(path),
                    _ => (new List<Component>(), new List<string> { $"{path}: not a folder, composer.lock or package-lock.json" }),
                };
                components.AddRange(c);
                problems.AddRange(e);
            }

            if ((pr.GetValue(sbom) ?? []).Length == 0 && (pr.GetValue(paths) ?? []).Length == 0) return Fail("name a shop folder, a lock file or --sbom");
            var advisories = new List<OsvAdvisory>();
            foreach (string source in pr.GetValue(osv)!)
            {
                var (a, e) = OsvParser.Load(source);
                advisories.AddRange(a);
                problems.AddRange(e);
            }

            components = [.. components.DistinctBy(c => (c.Ecosystem, c.Name, c.Version))];
            var vulnerabilities = new ComponentAuditor(advisories).Audit(components, problems);
            var now = TimeProvider.System.GetUtcNow();
            if (pr.GetValue(sbomOut) is { } outPath)
            {
                using var stream = File.Create(outPath);
                SbomWriter.Write(stream, components, now);
            }

            var findings = vulnerabilities.Select(v => ComponentAuditor.ToFinding(v, now)).OrderByDescending(f => f.Severity).ToList();
            if (pr.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartObject();
                    w.WriteNumber("components", components.Count);
                    w.WriteNumber("advisories", advisories.Count);
                    w.WriteStartArray("vulnerable");
                    foreach (var v in vulnerabilities)
                    {
                        w.WriteStartObject();
                        w.WriteString("purl", v.Component.Purl);
                        w.WriteString("advisory", v.Advisory.Id);
                        w.WriteString("severity", v.Severity.ToName());
                        w.WriteString("severity_source", v.SeveritySource);
                        if (v.FixedIn is not null) w.WriteString("fixed_in", v.FixedIn);
                        w.WriteString("found_in", v.Component.Source);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("findings");
                    foreach (var f in findings) FindingJson.Write(w, f);
                    w.WriteEndArray();
                    w.WriteStartArray("problems");
                    foreach (string p in problems) w.WriteStringValue(p);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                stdout.WriteByte((byte)'\n');
            }
            else
            {
                foreach (var f in findings) Console.WriteLine($"{f.Severity.ToName(),-8} {f.RuleId} {f.Explanation}");
                foreach (string p in problems) Console.WriteLine($"problem: {p}");
                Console.WriteLine($"{components.Count} components, {advisories.Count} advisories, {vulnerabilities.Count} vulnerable.");
            }

            return findings.Any(f => f.Severity >= failAt) ? ExitCodes.FindingsAtOrAbove : ExitCodes.Ok;
        });
        command.Subcommands.Add(audit);
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.BadUsage;
    }
}

using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;
using Ensuresec.Integrity.Common;
using Ensuresec.Integrity.Inspect;

namespace Ensuresec.Integrity.Pages;

/// <summary>
/// Judges a page snapshot against the inventory's reference version: new or changed scripts, new script origins,
/// forms posting somewhere new (or to another site), a weaker Content-Security-Policy, external scripts without
/// Subresource Integrity; and inspects the page and its scripts for skimmers.
/// </summary>
internal sealed class PageMonitor(Inspector inspector)
{
    public const string Detector = "page-integrity";

    public List<Finding> Judge(PageSnapshot now, PageSnapshot? reference, IReadOnlyDictionary<string, string> texts, DateTimeOffset at)
    {
        var findings = new List<Finding>();
        var page = new Uri(now.Url);
        string pageOrigin = page.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        var entities = new List<Entity> { new(IntegrityFindings.UrlFull, now.Url) };
        void Add(string rule, Severity severity, string technique, string text, string key) =>
            findings.Add(IntegrityFindings.Create(Detector, rule, severity, 0.9, technique, $"{now.Url}: {text}", $"{now.Url}\n{key}", at, entities));

        if (reference is not null)
        {
            var before = reference.Scripts.ToDictionary(s => s.Key, StringComparer.Ordinal);
            var origins = reference.Scripts.Where(s => s.Origin is not null).Select(s => s.Origin!).ToHashSet(StringComparer.Ordinal);
            foreach (var s in now.Scripts)
            {
                if (!before.TryGetValue(s.Key, out var old))
                {
                    string what = s.Kind == "inline" ? $"a new inline script ({s.Length} chars, {s.Sha256})" : $"a new external script {s.Src}";
                    Add("ES-SHOP-020", Severity.High, "T1059.007", what + " is not in the accepted inventory", s.Key + s.Sha256);
                    if (s.Origin is not null && s.Origin != pageOrigin && !origins.Contains(s.Origin))
                    {
                        Add("ES-SHOP-022", Severity.High, "T1059.007", $"scripts now load from a new origin {s.Origin}", "origin:" + s.Origin);
                        origins.Add(s.Origin);
                    }
                }
                else if (s.Sha256 is not null && old.Sha256 is not null && s.Sha256 != old.Sha256)
                {
                    Add("ES-SHOP-021", Severity.High, "T1059.007", $"the script {s.Src} changed: {old.Sha256} -> {s.Sha256}", s.Key + s.Sha256);
                }
            }

            var targets = reference.Forms.Select(f => f.Action).ToHashSet(StringComparer.Ordinal);
            foreach (var f in now.Forms.Where(f => !targets.Contains(f.Action)))
            {
                bool foreign = f.Origin != pageOrigin;
                Add("ES-SHOP-023", foreign ? Severity.Critical : Severity.Medium, "T1056.003",
                    $"a form now posts to {f.Action}{(foreign ? " on another site" : string.Empty)} ({f.Method})", "form:" + f.Action);
            }

            var weaker = CspPolicy.Weakenings(reference.Csp, reference.CspReportOnly, now.Csp, now.CspReportOnly);
            if (weaker.Count > 0) Add("ES-SHOP-024", Severity.High, "T1562.001", "Content-Security-Policy weakened: " + string.Join("; ", weaker), "csp:" + now.Csp);
        }

        foreach (var s in now.Scripts.Where(s => s.Kind == "external" && s.Origin != pageOrigin && string.IsNullOrWhiteSpace(s.Integrity)))
        {
            Add("ES-SHOP-025", Severity.Low, "T1195.002", $"the external script {s.Src} has no Subresource Integrity (integrity attribute)", "sri:" + s.Src);
        }

        foreach (var (key, text) in texts)
        {
            bool isPage = key.StartsWith("page:", StringComparison.Ordinal);
            string name = isPage ? now.Url : key;
            var result = inspector.InspectText(name, text, isPage ? "html" : "js");
            findings.AddRange(InspectionReport.Findings(result, at));
        }

        return findings;
    }
}

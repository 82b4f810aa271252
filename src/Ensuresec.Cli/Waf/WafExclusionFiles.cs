using Ensuresec.Waf.Exclusions;

namespace Ensuresec.Cli.Commands;

/// <summary>Exclusion files and packs named on the command line ("pack:magento" or a path).</summary>
internal static class WafExclusionFiles
{
    public static ExclusionSet? Load(IEnumerable<FileInfo> files, TextWriter errors)
    {
        var rules = new List<ExclusionRule>();
        bool ok = true;
        foreach (var f in files)
        {
            string name = f.ToString();
            if (name.StartsWith("pack:", StringComparison.Ordinal))
            {
                string pack = name[5..];
                if (!ExclusionPacks.Names.Contains(pack))
                {
                    errors.WriteLine($"unknown pack '{pack}' (one of {string.Join(", ", ExclusionPacks.Names)})");
                    ok = false;
                    continue;
                }

                rules.AddRange(ExclusionPacks.Load(pack));
                continue;
            }

            var (loaded, problems) = ExclusionLoader.LoadFile(f.FullName);
            foreach (string p in problems) errors.WriteLine(p);
            ok &= problems.Count == 0;
            rules.AddRange(loaded);
        }

        return ok ? new ExclusionSet(rules) : null;
    }
}

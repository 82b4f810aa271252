using Ensuresec.Integrity.Components.Versions;

namespace Ensuresec.Integrity.Components.Osv;

/// <summary>
/// Whether a version is affected, following the OSV specification's evaluation: the events of a range sorted by
/// version ("0" first), walked in order: at or past an introduced turns affected on, at or past a fixed (or past a
/// last_affected) turns it off; a limit caps the range. Any listed version in "versions" is affected as well.
/// </summary>
internal static class OsvRangeEvaluator
{
    /// <summary>Affected or not, the fixed version that ends the matching interval (if any), or null when the version cannot be compared.</summary>
    public static (bool Affected, string? FixedIn)? Evaluate(OsvAffected affected, string version)
    {
        if (affected.Versions.Contains(version, StringComparer.Ordinal)) return (true, NextFixed(affected, version));
        bool comparable = false;
        foreach (var range in affected.Ranges)
        {
            var scheme = VersionSchemes.ForRange(range.Type, affected.Ecosystem);
            if (scheme is null) continue;
            var result = InRange(range, version, scheme);
            if (result is null) continue;
            comparable = true;
            if (result.Value.Affected) return result;
        }

        return comparable || affected.Ranges.Count == 0 ? (false, null) : null;
    }

    internal static (bool Affected, string? FixedIn)? InRange(OsvRange range, string version, IVersionScheme scheme)
    {
        var events = new List<OsvEvent>(range.Events);
        foreach (var e in events)
        {
            if (e.Version != "0" && scheme.Compare(e.Version, e.Version) is null) return null; // an event we cannot order
        }

        if (scheme.Compare(version, version) is null) return null;
        events.Sort((a, b) =>
        {
            if (a.Version == "0") return b.Version == "0" ? 0 : -1;
            if (b.Version == "0") return 1;
            return scheme.Compare(a.Version, b.Version) ?? 0;
        });

        bool affected = false;
        string? fixedIn = null;
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case "introduced" when e.Version == "0" || scheme.Compare(version, e.Version) >= 0:
                    affected = true;
                    fixedIn = null;
                    break;
                case "fixed" when scheme.Compare(version, e.Version) >= 0:
                    affected = false;
                    break;
                case "fixed" when affected && fixedIn is null:
                    fixedIn = e.Version;
                    break;
                case "last_affected" when scheme.Compare(version, e.Version) > 0:
                    affected = false;
                    break;
                case "limit" when scheme.Compare(version, e.Version) >= 0:
                    affected = false;
                    break;
            }
        }

        return (affected, affected ? fixedIn : null);
    }

    private static string? NextFixed(OsvAffected affected, string version)
    {
        foreach (var range in affected.Ranges)
        {
            if (VersionSchemes.ForRange(range.Type, affected.Ecosystem) is { } scheme && InRange(range, version, scheme) is { Affected: true, FixedIn: { } f }) return f;
        }

        return null;
    }
}

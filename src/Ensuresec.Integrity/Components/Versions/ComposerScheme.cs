using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Ensuresec.Integrity.Components.Versions;

/// <summary>
/// Composer's (Packagist's) version order: up to four numeric parts (1.2 = 1.2.0.0), then a stability suffix
/// ordered dev &lt; alpha (a) &lt; beta (b) &lt; RC &lt; stable &lt; patch (p, pl), each with an optional number
/// (1.0.0-beta2). Branch names (dev-main, 2.x-dev) have no place in the order and are not compared.
/// </summary>
internal sealed partial class ComposerScheme : IVersionScheme
{
    public static readonly ComposerScheme Instance = new();

    public string Name => "Packagist";

    public int? Compare(string a, string b)
    {
        if (Parse(a) is not { } x || Parse(b) is not { } y) return null;
        for (int i = 0; i < 4; i++)
        {
            int c = x.Numbers[i].CompareTo(y.Numbers[i]);
            if (c != 0) return c;
        }

        int s = x.Stability.CompareTo(y.Stability);
        return s != 0 ? s : x.StabilityNumber.CompareTo(y.StabilityNumber);
    }

    internal static (BigInteger[] Numbers, int Stability, BigInteger StabilityNumber)? Parse(string version)
    {
        string v = version.Trim();
        if (v.StartsWith("dev-", StringComparison.OrdinalIgnoreCase) || v.EndsWith("-dev", StringComparison.OrdinalIgnoreCase) && v.Contains(".x", StringComparison.OrdinalIgnoreCase)) return null;
        var m = Pattern().Match(v);
        if (!m.Success) return null;
        var numbers = new BigInteger[4];
        var captures = m.Groups["n"].Captures;
        for (int i = 0; i < captures.Count; i++) numbers[i] = BigInteger.Parse(captures[i].Value, CultureInfo.InvariantCulture);
        string suffix = m.Groups["s"].Value.ToLowerInvariant();
        int stability = suffix switch
        {
            "" => 4,
            "dev" => 0,
            "alpha" or "a" => 1,
            "beta" or "b" => 2,
            "rc" => 3,
            "p" or "pl" or "patch" => 5,
            _ => -1,
        };
        if (stability < 0) return null;
        BigInteger number = m.Groups["sn"].Success && m.Groups["sn"].Value.Length > 0 ? BigInteger.Parse(m.Groups["sn"].Value, CultureInfo.InvariantCulture) : BigInteger.Zero;
        return (numbers, stability, number);
    }

    [GeneratedRegex(@"^[vV]?(?<n>\d{1,30})(?:\.(?<n>\d{1,30})){0,3}(?:[-_.]?(?<s>dev|alpha|beta|rc|a|b|p|pl|patch)[.\-_]?(?<sn>\d{0,30}))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

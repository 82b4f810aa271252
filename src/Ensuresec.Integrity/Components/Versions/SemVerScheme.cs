using System.Globalization;
using System.Numerics;

namespace Ensuresec.Integrity.Components.Versions;

/// <summary>
/// Semantic Versioning 2.0.0 precedence (also npm's, node-semver): major.minor.patch compared numerically, a
/// pre-release sorts before its release and is compared identifier by identifier (numeric below alphanumeric),
/// build metadata ignored. Lenient where npm is: a leading "v" or "=", missing minor or patch read as 0.
/// </summary>
internal sealed class SemVerScheme : IVersionScheme
{
    public static readonly SemVerScheme Instance = new();

    public string Name => "SEMVER";

    public int? Compare(string a, string b)
    {
        if (Parse(a) is not { } x || Parse(b) is not { } y) return null;
        for (int i = 0; i < 3; i++)
        {
            int c = x.Core[i].CompareTo(y.Core[i]);
            if (c != 0) return c;
        }

        // a release sorts after every pre-release of it
        if (x.Pre.Length == 0 || y.Pre.Length == 0) return (x.Pre.Length == 0 ? 1 : 0) - (y.Pre.Length == 0 ? 1 : 0);
        for (int i = 0; i < Math.Min(x.Pre.Length, y.Pre.Length); i++)
        {
            int c = ComparePre(x.Pre[i], y.Pre[i]);
            if (c != 0) return c;
        }

        return x.Pre.Length.CompareTo(y.Pre.Length);
    }

    private static int ComparePre(string a, string b)
    {
        bool na = IsNumber(a), nb = IsNumber(b);
        if (na && nb) return BigInteger.Parse(a, CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(b, CultureInfo.InvariantCulture));
        if (na) return -1;
        if (nb) return 1;
        return Math.Sign(string.CompareOrdinal(a, b));
    }

    private static bool IsNumber(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    internal static (BigInteger[] Core, string[] Pre)? Parse(string version)
    {
        string v = version.Trim();
        if (v.StartsWith('=')) v = v[1..];
        if (v.StartsWith('v') || v.StartsWith('V')) v = v[1..];
        int plus = v.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0) v = v[..plus];
        int dash = v.IndexOf('-', StringComparison.Ordinal);
        string core = dash >= 0 ? v[..dash] : v;
        string[] pre = dash >= 0 ? v[(dash + 1)..].Split('.') : [];
        if (pre.Any(p => p.Length == 0)) return null;
        string[] parts = core.Split('.');
        if (parts.Length is 0 or > 3 || core.Length == 0) return null;
        var numbers = new BigInteger[3];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!IsNumber(parts[i]) || parts[i].Length > 40) return null;
            numbers[i] = BigInteger.Parse(parts[i], CultureInfo.InvariantCulture);
        }

        return (numbers, pre);
    }
}

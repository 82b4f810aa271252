using System.Net;

namespace Ensuresec.Demo.Generation;

/// <summary>
/// Plausible public addresses: residential ISP ranges, hosting ranges and residential IPv6. None is private,
/// loopback, link-local, CGNAT-internal or multicast, because a detector may rightly treat those apart.
/// </summary>
internal static class Addresses
{
    private static readonly int[] ResidentialFirstOctets =
    [
        24, 31, 37, 46, 62, 68, 73, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
        98, 109, 151, 176, 178, 188, 212, 213, 217,
    ];

    private static readonly int[] HostingFirstOctets = [5, 23, 45, 51, 103, 104, 134, 138, 139, 141, 142, 143, 146, 159, 161, 164, 167, 170, 185, 195, 198, 206, 209];

    private static readonly string[] V6Prefixes = ["2a01:cb", "2a02:81", "2003:e8", "2a00:23", "2600:17", "2a02:a4"];

    public static string ResidentialV4(Random rng) => V4(rng.Pick(ResidentialFirstOctets), rng);

    public static string HostingV4(Random rng) => V4(rng.Pick(HostingFirstOctets), rng);

    public static string ResidentialV6(Random rng)
    {
        // A /56-ish home prefix with a random interface id, formatted canonically by IPAddress.
        string prefix = rng.Pick(V6Prefixes);
        string text = $"{prefix}{rng.Next(16, 256):x2}:{rng.Next(0x10000):x}:{rng.Next(0x100, 0x10000):x}:{rng.Next(0x10000):x}:{rng.Next(0x10000):x}:{rng.Next(0x10000):x}:{rng.Next(1, 0x10000):x}";
        return IPAddress.Parse(text).ToString();
    }

    /// <summary>Residential, with an IPv6 share.</summary>
    public static string Residential(Random rng, double v6Share = 0.15) =>
        rng.Chance(v6Share) ? ResidentialV6(rng) : ResidentialV4(rng);

    private static string V4(int first, Random rng) => $"{first}.{rng.Next(256)}.{rng.Next(256)}.{rng.Next(1, 255)}";
}

using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Ensuresec.Assessment.Tests.Support;

/// <summary>Random but valid models (as YAML, through the real loader) for property tests.</summary>
internal static class RandomModels
{
    private static readonly string[] Types = ["web-app", "api", "database", "staff-role", "customer", "plugin", "parcel", "delivery-van", "payment-gateway", "admin-console"];
    private static readonly string[] Data = ["card-data", "credentials", "payments", "cold-chain"];
    private static readonly string[] Kinds = ["network", "uses", "supplies", "contains", "physical"];
    private static readonly string[] Controls = ["mfa", "waf", "rate-limiting", "tls", "csp-sri", "least-privilege"];

    /// <summary>A model with 2 to <paramref name="maxAssets"/> assets and random connections, from a seed.</summary>
    public static string Yaml(int seed, int maxAssets = 5)
    {
        var r = new Random(seed);
        int n = r.Next(2, maxAssets + 1);
        var sb = new StringBuilder("name: random\nzones:\n  - { name: out, trust: untrusted }\n  - { name: in, trust: internal }\nassets:\n");
        int jewel = r.Next(n);
        for (int i = 0; i < n; i++)
        {
            string type = Types[r.Next(Types.Length)];
            string zone = r.Next(3) == 0 ? "out" : "in";
            var data = Data.Where(_ => r.Next(3) == 0);
            var controls = Controls.Where(_ => r.Next(5) == 0);
            sb.Append(CultureInfo.InvariantCulture, $"  - {{ name: a{i}, type: {type}, zone: {zone}, impact: {r.Next(1, 6)}, crown_jewel: {(i == jewel || r.Next(4) == 0 ? "true" : "false")}, data: [{string.Join(", ", data)}], controls: [{string.Join(", ", controls)}] }}\n");
        }

        sb.Append("connections:\n");
        int links = r.Next(1, 2 * n);
        for (int k = 0; k < links; k++)
        {
            int from = r.Next(n), to = r.Next(n);
            if (from == to) continue;
            string kind = Kinds[r.Next(Kinds.Length)];
            // Containment only forwards, so it never forms a cycle (which the loader rightly rejects).
            if (kind == "contains" && from > to) (from, to) = (to, from);
            sb.Append(CultureInfo.InvariantCulture, $"  - {{ from: a{from}, to: a{to}, kind: {kind}, encrypted: {(r.Next(2) == 0 ? "true" : "false")}, data: [{string.Join(", ", Data.Where(_ => r.Next(4) == 0))}] }}\n");
        }

        return sb.ToString();
    }

    public static Arbitrary<int> Seeds => Gen.Choose(0, 1_000_000).ToArbitrary();
}

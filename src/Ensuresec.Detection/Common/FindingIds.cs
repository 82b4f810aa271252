using System.Security.Cryptography;
using System.Text;

namespace Ensuresec.Detection.Common;

/// <summary>Deterministic finding ids: the same input always yields the same id, whatever the partitioning.</summary>
internal static class FindingIds
{
    /// <summary>Lower-case hex SHA-256 over the detector, rule, key, first evidence event id and the firing number of that key.</summary>
    public static string Compute(string detector, string rule, string key, string firstEvidenceId, int firing)
    {
        string text = string.Join('\n', detector, rule, key, firstEvidenceId, firing.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

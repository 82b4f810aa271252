using System.Security.Cryptography;
using System.Text;

namespace Ensuresec.Store.Keys;

/// <summary>
/// A key reads "esk_" + 12 hex digits of id + "_" + 43 base64url characters of secret (256 random bits).
/// The id finds the row; the stored value is SHA-256 of the whole key. With 256 bits of entropy a salt or a
/// slow hash adds nothing: there is no dictionary to precompute and brute force is out of reach.
/// </summary>
internal static class ApiKeyFormat
{
    public const string Prefix = "esk_";
    public const int IdLength = 12;
    public const int SecretBytes = 32;

    /// <summary>Longest text worth looking at; anything longer is rejected before hashing.</summary>
    public const int MaxLength = 128;

    public static (string Id, string Key) NewKey()
    {
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        string secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        return (id, Prefix + id + "_" + secret);
    }

    /// <summary>The id part of a well-formed key, or null (no exceptions: the text comes from a request header).</summary>
    public static string? IdOf(string? key)
    {
        if (key is null || key.Length > MaxLength || key.Length < Prefix.Length + IdLength + 2) return null;
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key[Prefix.Length + IdLength] != '_') return null;
        var id = key.AsSpan(Prefix.Length, IdLength);
        foreach (char c in id)
        {
            if (!char.IsAsciiHexDigitLower(c)) return null;
        }

        return id.ToString();
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

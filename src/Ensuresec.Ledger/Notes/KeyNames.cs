using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ensuresec.Ledger.Notes;

/// <summary>Rules shared by verifier keys, signer keys and signature lines: key names, key IDs and strict base64.</summary>
internal static class KeyNames
{
    /// <summary>Non-empty, and neither a Unicode space nor a plus sign nor a control character.</summary>
    public static bool IsValid(string name) =>
        name.Length > 0 && HasValidSurrogates(name) && !name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c));

    /// <summary>SHA-256(name || 0x0A || type || key)[:4], big-endian.</summary>
    public static uint KeyId(string name, byte type, ReadOnlySpan<byte> key)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + key.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        input[nameBytes.Length + 1] = type;
        key.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>Standard base64 with padding, exactly as it would be written (no whitespace, no stray bits).</summary>
    public static byte[]? DecodeBase64(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0) return null;
        foreach (char c in text)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/' or '=')) return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }

        // Non-canonical encodings (padding bits set) decode too; only the canonical spelling is accepted.
        return string.Equals(Convert.ToBase64String(bytes), text, StringComparison.Ordinal) ? bytes : null;
    }

    public static bool TryParseKeyIdHex(string text, out uint keyId)
    {
        keyId = 0;
        if (text.Length != 8 || text.Any(c => c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))) return false;
        keyId = uint.Parse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    private static bool HasValidSurrogates(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}

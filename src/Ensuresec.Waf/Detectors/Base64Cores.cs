using System.Text;

namespace Ensuresec.Waf.Detectors;

/// <summary>
/// How a word looks inside base64 text at each of the three byte alignments: only the characters that depend on the
/// word alone, so a keyword is found in an encoded blob whatever precedes it.
/// </summary>
internal static class Base64Cores
{
    public static IEnumerable<string> Of(IEnumerable<string> words)
    {
        foreach (string word in words)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(word);
            for (int pad = 0; pad < 3; pad++)
            {
                byte[] padded = new byte[pad + bytes.Length];
                bytes.CopyTo(padded, pad);
                string encoded = Convert.ToBase64String(padded);
                int start = pad switch { 0 => 0, 1 => 2, _ => 3 };
                int end = padded.Length * 8 / 6;
                if (end - start >= 6) yield return encoded[start..end];
            }
        }
    }
}

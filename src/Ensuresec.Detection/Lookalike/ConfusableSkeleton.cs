using System.Globalization;
using System.Text;

namespace Ensuresec.Detection.Lookalike;

/// <summary>
/// The skeleton of UTS #39 section 4 (skeleton(X) = NFD(map(NFD(X))), each code point replaced by its prototype from
/// confusables.txt): two strings are confusable when their skeletons are equal. Loaded from Unicode's own file.
/// </summary>
internal sealed class ConfusableSkeleton
{
    /// <summary>confusables.txt is about 750 KB; a file far larger is not it.</summary>
    public const long MaxFileBytes = 8 << 20;

    private readonly Dictionary<int, string> _map;

    private ConfusableSkeleton(Dictionary<int, string> map) => _map = map;

    public int Count => _map.Count;

    /// <summary>Reads confusables.txt ("source ; target code points ; type # comment"); a bad line throws naming the file and line.</summary>
    public static ConfusableSkeleton Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidDataException($"{path}: not found");
        if (info.Length > MaxFileBytes) throw new InvalidDataException($"{path}: {info.Length} bytes, at most {MaxFileBytes}");
        var map = new Dictionary<int, string>();
        int lineNo = 0;
        foreach (string raw in File.ReadLines(path, Encoding.UTF8))
        {
            lineNo++;
            string line = raw.TrimStart('\uFEFF');
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            if (line.Trim().Length == 0) continue;
            string[] parts = line.Split(';');
            if (parts.Length < 3 || !TryCodePoints(parts[0], out var source) || source.Count != 1 || !TryCodePoints(parts[1], out var target) || target.Count == 0)
                throw new InvalidDataException($"{path}:{lineNo}: expected 'source ; target code points ; type'");
            map[source[0]] = string.Concat(target.Select(char.ConvertFromUtf32));
        }

        if (map.Count == 0) throw new InvalidDataException($"{path}: no mappings");
        return new ConfusableSkeleton(map);
    }

    /// <summary>The skeleton of <paramref name="text"/>.</summary>
    public string Of(string text)
    {
        string nfd = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(nfd.Length);
        for (int i = 0; i < nfd.Length; i += char.IsSurrogatePair(nfd, i) ? 2 : 1)
        {
            int cp = char.ConvertToUtf32(nfd, i);
            if (_map.TryGetValue(cp, out string? proto)) sb.Append(proto);
            else sb.Append(char.ConvertFromUtf32(cp));
        }

        return sb.ToString().Normalize(NormalizationForm.FormD);
    }

    private static bool TryCodePoints(string field, out List<int> points)
    {
        points = [];
        foreach (string hex in field.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (hex.Length > 6 || !int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int cp) || cp > 0x10FFFF || cp is >= 0xD800 and <= 0xDFFF) return false;
            points.Add(cp);
        }

        return true;
    }
}

using System.Globalization;
using System.Text;

namespace Ensuresec.Learning.Text;

/// <summary>
/// Splits text into words and n-grams, by Unicode code point (never by UTF-16 unit, so a character outside the
/// Basic Multilingual Plane is one character). A word is a maximal run of letters, digits, combining marks and
/// connector punctuation (the <c>\w</c> of Unicode regular expressions): "Don't" is "don" and "t", "naïve" one word,
/// "東京" one word. Word n-grams join words with one space; character n-grams are keyed with a <c>c:</c> prefix
/// so "the" the word and "the" the trigram stay two features (a word never holds a colon).
/// </summary>
internal static class Tokenizer
{
    public const string CharPrefix = "c:";

    /// <summary>The words of <paramref name="text"/>, lower-cased when asked.</summary>
    public static List<string> Words(string text, bool lowercase)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                AppendRune(word, lowercase ? Rune.ToLowerInvariant(rune) : rune);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }

    /// <summary>Calls <paramref name="add"/> with every n-gram of the text the options ask for, repeats included.</summary>
    public static void Ngrams(string text, TfidfOptions options, Action<string> add)
    {
        var words = Words(text, options.Lowercase).ToArray();
        if (options.WordNgramMax > 0)
        {
            for (int n = options.WordNgramMin; n <= options.WordNgramMax; n++)
            {
                for (int i = 0; i + n <= words.Length; i++) add(n == 1 ? words[i] : string.Join(' ', words, i, n));
            }
        }

        if (options.CharNgramMax == 0) return;
        if (options.CharMode == CharNgramMode.Within)
        {
            foreach (var w in words) CharNgrams(" " + w + " ", options, add);
        }
        else
        {
            CharNgrams(Whitespace(text, options.Lowercase), options, add);
        }
    }

    private static void CharNgrams(string text, TfidfOptions options, Action<string> add)
    {
        // Start offsets of each code point, so an n-gram never splits a surrogate pair.
        var starts = new List<int>(text.Length + 1);
        for (int i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1) starts.Add(i);
        starts.Add(text.Length);
        int count = starts.Count - 1;
        for (int n = options.CharNgramMin; n <= options.CharNgramMax; n++)
        {
            for (int i = 0; i + n <= count; i++) add(string.Concat(CharPrefix, text.AsSpan(starts[i], starts[i + n] - starts[i])));
        }
    }

    // The text with each run of whitespace made one space, trimmed, lower-cased when asked.
    private static string Whitespace(string text, bool lowercase)
    {
        var result = new StringBuilder(text.Length);
        bool space = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                space = result.Length > 0;
                continue;
            }

            if (space) result.Append(' ');
            space = false;
            AppendRune(result, lowercase ? Rune.ToLowerInvariant(rune) : rune);
        }

        return result.ToString();
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        Span<char> buffer = stackalloc char[2];
        int length = rune.EncodeToUtf16(buffer);
        builder.Append(buffer[..length]);
    }
}

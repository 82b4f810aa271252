using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Detectors;

/// <summary>A word whose presence alone is evidence. Matched on the lower-case value unless <see cref="CaseSensitive"/>.</summary>
/// <param name="WordStart">The character before must not be a letter or digit.</param>
/// <param name="WordEnd">The character after must not be a letter or digit.</param>
/// <param name="NeedsParen">Only as a call: an opening parenthesis must follow (spaces and comments allowed).</param>
internal sealed record Keyword(
    string Text, AttackClass Class, string Rule, string Message, int Paranoia, int Score,
    bool WordStart = true, bool WordEnd = false, bool NeedsParen = false, bool CaseSensitive = false);

using Ensuresec.Core.Events;

namespace Ensuresec.Integrity.Inspect.Rules;

/// <summary>
/// An inspection rule: a conjunction of alternatives over facts. <see cref="All"/> holds when every group has one
/// of its facts; <see cref="None"/> vetoes. Language "any" applies to every file.
/// </summary>
internal sealed record Rule
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Language { get; init; }
    public required Severity Severity { get; init; }
    public required string Technique { get; init; }
    public required double Confidence { get; init; }
    public required IReadOnlyList<IReadOnlyList<string>> All { get; init; }
    public IReadOnlyList<string> None { get; init; } = [];
    public required string Explain { get; init; }

    /// <summary>The facts of the groups must lie within this many tokens of one another (facts about the whole file
    /// count anywhere). Skimmers are compact; a large bundle has card fields, listeners and requests far apart.</summary>
    public int Within { get; init; } = DefaultWithin;

    public const int DefaultWithin = 4000;

    public bool AppliesTo(string language) =>
        Language == "any" || string.Equals(Language, language, StringComparison.OrdinalIgnoreCase) ||
        (Language == "js" && language == "html");
}

/// <summary>A fact of the user's own: a .NET regular expression over the normalised (deobfuscated) code.</summary>
internal sealed record RegexFact(string Id, string Language, System.Text.RegularExpressions.Regex Pattern, string Evidence);

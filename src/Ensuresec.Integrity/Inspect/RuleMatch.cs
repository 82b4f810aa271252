using Ensuresec.Integrity.Inspect.Rules;

namespace Ensuresec.Integrity.Inspect;

/// <summary>A rule that fired on a file, with the facts that made it fire and a sentence saying so.</summary>
internal sealed record RuleMatch(Rule Rule, int Line, string Explanation, IReadOnlyList<Fact> Evidence);

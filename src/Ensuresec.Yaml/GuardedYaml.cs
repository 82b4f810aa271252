using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Ensuresec.Yaml;

/// <summary>What was wrong with a YAML text and where (line and column from 1; 0 where the parser could not tell).</summary>
public sealed record YamlProblem(int Line, int Column, string Reason);

/// <summary>
/// Parses YAML from outside (configuration, models, asset maps) into a node tree, after a first pass over the
/// parser's events has refused what makes a small text expensive or ambiguous. The event parser keeps its own stack,
/// but the node model recurses, so a deeply nested text would overflow the stack if it were built; anchors and
/// aliases let a few lines stand for a huge tree; a second document would be silently ignored.
/// </summary>
public static class GuardedYaml
{
    /// <summary>The root of the text's one document, null when the text is empty or has a problem.</summary>
    /// <param name="what">What the text is, for the messages: "an asset map", "a model".</param>
    public static YamlNode? Parse(string text, int maxDepth, string what, out YamlProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        try
        {
            problem = FirstProblem(text, maxDepth, what);
            if (problem is not null) return null;
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            problem = At(ex.Start, ex.InnerException?.Message ?? ex.Message);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these on some malformed inputs instead of a YamlException.
            problem = new YamlProblem(0, 0, $"not valid YAML ({ex.GetType().Name} in the parser)");
            return null;
        }
    }

    private static YamlProblem? FirstProblem(string text, int maxDepth, string what)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0, documents = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            if (current is AnchorAlias || current is NodeEvent { Anchor.IsEmpty: false })
            {
                return At(current.Start, $"anchors (&name) and aliases (*name) are not allowed in {what}");
            }

            switch (current)
            {
                case MappingStart or SequenceStart when ++depth > maxDepth:
                    return At(current.Start, $"nested deeper than {maxDepth} levels");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case DocumentStart when ++documents > 1:
                    return At(current.Start, $"{what} is one YAML document");
            }
        }

        return null;
    }

    private static YamlProblem At(Mark mark, string reason) => new(Clamp(mark.Line), Clamp(mark.Column), reason);

    private static int Clamp(long v) => v > int.MaxValue ? int.MaxValue : (int)v;
}

using Ensuresec.Assessment.Catalogue;
using Ensuresec.Assessment.Model;

namespace Ensuresec.Assessment.Threats;

/// <summary>
/// Applies every catalogue threat to every element it fits: by asset type, or by STRIDE element kind (the
/// baseline; kind-wide threats apply to digital elements and to every external entity), when its conditions
/// hold. A weakness naming a catalogue threat makes it apply whatever the type, with a raised likelihood.
/// </summary>
public static class ThreatGenerator
{
    /// <summary>A threat known to be present (a weakness entry) is at least this likely, at most <see cref="KnownMax"/>.</summary>
    public const double KnownMin = 0.5;

    public const double KnownMax = 0.95;

    public static IReadOnlyList<ThreatInstance> Generate(ThreatModel model, ElementSet elements)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(elements);
        var outgoing = model.Connections.ToLookup(c => c.From, StringComparer.Ordinal);
        var result = new List<ThreatInstance>();
        foreach (var element in elements.All)
        {
            // The same threat listed twice as a weakness of one asset counts once, with the controls of both entries.
            var known = (element.Asset?.Weaknesses ?? []).Where(w => w.Threat is not null).GroupBy(w => w.Threat!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First() with { StoppedBy = [.. g.SelectMany(w => w.StoppedBy).Distinct(StringComparer.Ordinal)] }, StringComparer.Ordinal);
            foreach (var threat in model.Threats)
            {
                bool isKnown = known.TryGetValue(threat.Id, out var weakness);
                if (!isKnown && !Applies(threat, element)) continue;
                double likelihood = isKnown ? Math.Clamp(threat.Likelihood * 2, KnownMin, KnownMax) : threat.Likelihood;
                var stoppers = weakness is null ? threat.StoppedBy : [.. threat.StoppedBy.Union(weakness.StoppedBy, StringComparer.Ordinal)];
                foreach (var target in Targets(threat, element, elements, outgoing))
                {
                    var inPlace = stoppers.Where(c => element.Controls.Contains(c, StringComparer.Ordinal) || target.Controls.Contains(c, StringComparer.Ordinal)).ToList();
                    result.Add(new ThreatInstance(threat, element, target, likelihood, isKnown, inPlace) { StoppedBy = stoppers });
                }
            }
        }

        return result;
    }

    private static bool Applies(ThreatDefinition threat, Element element)
    {
        bool byType = element.Type is not null && threat.AppliesToTypes.Contains(element.Type, StringComparer.Ordinal);
        bool byKind = threat.AppliesToKinds.Contains(element.Kind)
            && (element.Domain == Domain.Digital || element.Kind == ElementKind.ExternalEntity);
        return (byType || byKind) && Conditions.Hold(threat.When, element.Exposed, element.Encrypted, element.Data);
    }

    private static IEnumerable<Element> Targets(ThreatDefinition threat, Element element, ElementSet elements, ILookup<string, Connection> outgoing)
    {
        if (threat.On == EffectTarget.Self || element.Asset is null)
        {
            yield return element;
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in outgoing[element.Name])
        {
            var target = elements.Asset(c.To);
            if (threat.Targets.Count > 0 && !threat.Targets.Contains(target.Type ?? "", StringComparer.Ordinal)) continue;
            if (seen.Add(target.Name)) yield return target;
        }
    }
}

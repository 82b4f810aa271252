using Ensuresec.Assessment.Model;

namespace Ensuresec.Assessment.Threats;

/// <summary>
/// An element of the model as STRIDE per element sees it: an asset, or a network connection (a data flow).
/// <see cref="Index"/> is its position in <see cref="ElementSet.All"/>.
/// </summary>
public sealed record Element(
    int Index,
    string Name,
    ElementKind Kind,
    Domain Domain,
    string? Type,
    bool Exposed,
    bool Encrypted,
    IReadOnlyList<string> Data,
    IReadOnlyList<string> Controls,
    int Impact,
    bool CrownJewel,
    Asset? Asset,
    Connection? Flow)
{
    public override string ToString() => Name;
}

/// <summary>The elements of a model: every asset, then every network connection as a data flow.</summary>
public sealed class ElementSet
{
    private readonly Dictionary<string, Element> _assets;

    public ElementSet(ThreatModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var all = new List<Element>();
        foreach (var a in model.Assets)
        {
            all.Add(new Element(all.Count, a.Name, a.Kind, a.Domain, a.Type, a.Exposed, false, a.Data, a.Controls, a.Impact, a.CrownJewel, a, null));
        }

        _assets = all.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var c in model.Connections.Where(c => c.Kind == ConnectionKind.Network))
        {
            // A flow is reachable from outside when either end is exposed; its data is what it carries.
            bool exposed = _assets[c.From].Exposed || _assets[c.To].Exposed;
            all.Add(new Element(all.Count, $"{c.From} → {c.To}", ElementKind.DataFlow, Domain.Digital, null, exposed, c.Encrypted, c.Data, c.Controls,
                _assets[c.To].Impact, false, null, c));
        }

        All = all;
    }

    public IReadOnlyList<Element> All { get; }

    public Element Asset(string name) => _assets[name];

    public IEnumerable<Element> Assets => All.Where(e => e.Asset is not null);
}

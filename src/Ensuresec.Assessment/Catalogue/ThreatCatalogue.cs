using System.Reflection;
using Ensuresec.Assessment.Model;
using YamlDotNet.RepresentationModel;

namespace Ensuresec.Assessment.Catalogue;

/// <summary>The threats and controls a model is assessed against: the shipped e-commerce catalogue by default.</summary>
public sealed record ThreatCatalogue(IReadOnlyList<ThreatDefinition> Threats, IReadOnlyList<ControlDefinition> Controls)
{
    private const string ResourceName = "Ensuresec.Assessment.ecommerce-catalogue.yaml";

    private static readonly Lazy<ThreatCatalogue> Shipped = new(LoadShipped);

    /// <summary>The shipped e-commerce catalogue (Catalogue/ecommerce-catalogue.yaml, embedded).</summary>
    public static ThreatCatalogue ECommerce => Shipped.Value;

    /// <summary>The text of the shipped catalogue, for users who want to read or copy it.</summary>
    public static string ShippedText()
    {
        using var stream = typeof(ThreatCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a catalogue (a mapping with <c>controls</c> and <c>threats</c>); errors name file, line and key.</summary>
    public static (ThreatCatalogue? Catalogue, IReadOnlyList<ModelError> Errors) Load(string yaml, string fileName)
    {
        var errors = new List<ModelError>();
        var reader = new YamlReader(fileName, errors);
        var root = reader.Parse(yaml);
        if (root is null)
        {
            if (errors.Count == 0) errors.Add(new ModelError(fileName, 0, 0, "(file)", "empty catalogue"));
            return (null, errors);
        }

        var map = reader.Mapping(root, "", ["controls", "threats"]);
        if (map is null) return (null, errors);
        var controls = ThreatReader.Controls(reader, map);
        var threats = ThreatReader.Threats(reader, map);
        var catalogue = new ThreatCatalogue(threats, controls);
        CatalogueChecks.Check(catalogue, reader);
        return errors.Count > 0 ? (null, errors) : (catalogue, errors);
    }

    private static ThreatCatalogue LoadShipped()
    {
        var (catalogue, errors) = Load(ShippedText(), "ecommerce-catalogue.yaml");
        return catalogue ?? throw new InvalidOperationException("the shipped catalogue is invalid: " + string.Join("; ", errors));
    }

    /// <summary>This catalogue with a model's own controls and threats added; the model's win where ids are equal.</summary>
    public ThreatCatalogue With(IReadOnlyList<ThreatDefinition> threats, IReadOnlyList<ControlDefinition> controls)
    {
        var threatIds = threats.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var controlIds = controls.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return new ThreatCatalogue(
            [.. Threats.Where(t => !threatIds.Contains(t.Id)), .. threats],
            [.. Controls.Where(c => !controlIds.Contains(c.Id)), .. controls]);
    }
}

/// <summary>Checks within a catalogue: unique ids and controls that exist.</summary>
internal static class CatalogueChecks
{
    public static void Check(ThreatCatalogue catalogue, YamlReader reader)
    {
        Duplicates(catalogue.Controls.Select(c => (c.Id, c.Mark)), "control id", reader);
        Duplicates(catalogue.Threats.Select(t => (t.Id, t.Mark)), "threat id", reader);
        var known = catalogue.Controls.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var threat in catalogue.Threats)
        {
            foreach (string control in threat.StoppedBy.Where(c => !known.Contains(c)))
            {
                reader.Error(threat.Mark with { KeyPath = threat.Mark.KeyPath + ".stopped_by" }, $"unknown control '{control}'");
            }
        }
    }

    internal static void Duplicates(IEnumerable<(string Name, SourceMark Mark)> items, string what, YamlReader reader)
    {
        var seen = new Dictionary<string, SourceMark>(StringComparer.Ordinal);
        foreach (var (name, mark) in items)
        {
            if (!seen.TryAdd(name, mark)) reader.Error(mark, $"duplicate {what} '{name}' (first at line {seen[name].Line})");
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ensuresec.Integrity.Components;

/// <summary>Writes discovered components as a CycloneDX 1.6 JSON SBOM (library components with purl and bom-ref).</summary>
internal static class SbomWriter
{
    public static void Write(Stream stream, IReadOnlyList<Component> components, DateTimeOffset at)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("bomFormat", "CycloneDX");
        w.WriteString("specVersion", "1.6");
        // a deterministic serial number: the same components give the same SBOM identity
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', components.Select(c => c.Purl).Order(StringComparer.Ordinal))));
        w.WriteString("serialNumber", "urn:uuid:" + new Guid(hash.AsSpan(0, 16)).ToString());
        w.WriteNumber("version", 1);
        w.WriteStartObject("metadata");
        w.WriteString("timestamp", at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStartObject("tools");
        w.WriteStartArray("components");
        w.WriteStartObject();
        w.WriteString("type", "application");
        w.WriteString("name", "ensuresec");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("components");
        foreach (var c in components.OrderBy(c => c.Purl, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("type", "library");
            w.WriteString("bom-ref", c.Purl);
            int slash = c.Name.LastIndexOf('/');
            if (slash > 0 && c.Ecosystem is "npm" or "Packagist")
            {
                w.WriteString("group", c.Name[..slash]);
                w.WriteString("name", c.Name[(slash + 1)..]);
            }
            else
            {
                w.WriteString("name", c.Name);
            }

            w.WriteString("version", c.Version);
            w.WriteString("purl", c.Purl);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}

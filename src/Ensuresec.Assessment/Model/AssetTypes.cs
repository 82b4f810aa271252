namespace Ensuresec.Assessment.Model;

/// <summary>
/// The asset types a model may use, each with its STRIDE element kind and its domain. Threats in the catalogue
/// apply by type (e.g. web skimming on a web-app) or by kind (the STRIDE baseline on every process).
/// </summary>
public static class AssetTypes
{
    private static readonly Dictionary<string, (ElementKind Kind, Domain Domain)> Known = new(StringComparer.Ordinal)
    {
        ["web-app"] = (ElementKind.Process, Domain.Digital),
        ["web-server"] = (ElementKind.Process, Domain.Digital),
        ["api"] = (ElementKind.Process, Domain.Digital),
        ["app-server"] = (ElementKind.Process, Domain.Digital),
        ["admin-console"] = (ElementKind.Process, Domain.Digital),
        ["payment-gateway"] = (ElementKind.Process, Domain.Digital),
        ["plugin"] = (ElementKind.Process, Domain.Digital),
        ["third-party-service"] = (ElementKind.Process, Domain.Digital),
        ["email-service"] = (ElementKind.Process, Domain.Digital),
        ["iot-gateway"] = (ElementKind.Process, Domain.Digital),
        ["sensor"] = (ElementKind.Process, Domain.Digital),
        ["domain-name"] = (ElementKind.DataStore, Domain.Digital),
        ["database"] = (ElementKind.DataStore, Domain.Digital),
        ["file-store"] = (ElementKind.DataStore, Domain.Digital),
        ["network"] = (ElementKind.Process, Domain.Digital),
        ["atm"] = (ElementKind.Process, Domain.Physical),
        ["delivery-van"] = (ElementKind.Process, Domain.Physical),
        ["warehouse"] = (ElementKind.DataStore, Domain.Physical),
        ["cold-room"] = (ElementKind.DataStore, Domain.Physical),
        ["parcel"] = (ElementKind.DataStore, Domain.Physical),
        ["branch"] = (ElementKind.DataStore, Domain.Physical),
        ["staff-role"] = (ElementKind.ExternalEntity, Domain.Human),
        ["courier"] = (ElementKind.ExternalEntity, Domain.Human),
        ["customer"] = (ElementKind.ExternalEntity, Domain.Human),
        ["partner"] = (ElementKind.ExternalEntity, Domain.Human),
    };

    /// <summary>Every type name, sorted, for error messages and the schema.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Known.Keys.Order(StringComparer.Ordinal)];

    public static bool IsKnown(string type) => Known.ContainsKey(type);

    public static ElementKind KindOf(string type) => Known.TryGetValue(type, out var k) ? k.Kind : ElementKind.Process;

    public static Domain DomainOf(string type) => Known.TryGetValue(type, out var k) ? k.Domain : Domain.Digital;
}

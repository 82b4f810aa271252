using Ensuresec.Detection.Incidents;
using Ensuresec.Physical.Assets;

namespace Ensuresec.Config;

/// <summary>
/// assets: the asset map (docs/PHYSICAL.md, "Asset map"): sites with positions, vehicles and their depots, ATMs and
/// their branches, sensors and containers and what carries them, cards and their accounts. The route monitor judges
/// doors of vehicles without a plan against it, the ATM detector names branches, and the correlator joins findings
/// whose assets are chained in it.
/// </summary>
public sealed class AssetsSection
{
    private readonly Lock _gate = new();
    private AssetMap? _map;
    private IReadOnlyList<AssetMapError> _errors = [];
    private bool _loaded;

    /// <summary>The asset map file (YAML; a relative path is from the working folder); empty: no map.</summary>
    public string Map { get; init; } = "";

    /// <summary>The map, read once on first use; null when none is configured or it has errors (<see cref="Validate"/> reports them).</summary>
    public AssetMap? Loaded()
    {
        lock (_gate)
        {
            if (!_loaded && Map.Length > 0 && !Map.Any(char.IsControl))
            {
                _map = AssetMapLoader.LoadFile(Map, out _errors);
                _loaded = true;
            }

            return _map;
        }
    }

    /// <summary>The correlator's view of the map; null without one.</summary>
    public IAssetLinkResolver? Links() => Loaded() is { } map ? new AssetMapLinks(map) : null;

    internal void Validate(List<string> errors)
    {
        if (Map.Length == 0) return;
        if (Map.Any(char.IsControl))
        {
            errors.Add("assets.map: has control characters");
            return;
        }

        Loaded();
        errors.AddRange(_errors.Select(e => $"assets.map: {e}"));
    }
}

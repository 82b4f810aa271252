namespace Ensuresec.Ledger.Tiles;

/// <summary>Read access to a tiled log's resources by their c2sp.org/tlog-tiles path (a folder, or a log over HTTP).</summary>
internal interface ITileSource
{
    /// <summary>The resource's bytes, or null if it does not exist.</summary>
    byte[]? Read(string path);
}

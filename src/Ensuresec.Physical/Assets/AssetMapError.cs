namespace Ensuresec.Physical.Assets;

/// <summary>A problem in an asset map file, located by file, line, column and key path (e.g. sites[2].position.lat).</summary>
public sealed record AssetMapError(string File, int Line, int Column, string KeyPath, string Reason)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {KeyPath}: {Reason}" : $"{File}: {KeyPath}: {Reason}";
}

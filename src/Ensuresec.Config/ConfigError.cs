namespace Ensuresec.Config;

/// <summary>A configuration problem, located by the key path (e.g. detectors.request-flood.window) and the line.</summary>
public sealed record ConfigError(string File, string KeyPath, int Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {KeyPath}: {Reason}" : $"{File}: {KeyPath}: {Reason}";
}

namespace Ensuresec.Detection;

/// <summary>A configuration value that is not acceptable: the key it came from and why.</summary>
/// <param name="Key">The property name, or the full key path once aggregated (e.g. detectors.request-flood.window).</param>
/// <param name="Message">What is wrong, with the value given.</param>
public sealed record OptionsError(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}

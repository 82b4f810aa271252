namespace Ensuresec.Detection.Common;

/// <summary>What a detector constructor does with its options: refuse them, naming every problem (as the physical detectors do).</summary>
internal static class Check
{
    public static void ThrowIfInvalid(IReadOnlyList<OptionsError> problems, string paramName)
    {
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), paramName);
    }
}

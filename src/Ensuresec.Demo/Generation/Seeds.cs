namespace Ensuresec.Demo.Generation;

/// <summary>
/// Derives the seeds of independent streams (one per hour of benign traffic, one for the plan) from the
/// scenario seed, so that each stream is reproducible on its own. HashCode is randomised per process, so
/// this is a fixed mix (SplitMix64's finaliser).
/// </summary>
internal static class Seeds
{
    public static int Derive(int seed, int stream, int index)
    {
        ulong z = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream << 20) ^ (uint)index;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFF_FFFF);
    }
}

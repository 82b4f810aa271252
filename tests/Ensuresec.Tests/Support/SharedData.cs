namespace Ensuresec.Tests.Support;

/// <summary>
/// Finds ../shared/data by walking up from the test assembly to the repository root (the folder with
/// Ensuresec.sln); ENSURESEC_SHARED_DATA overrides it. Missing data fails the test, it never skips it.
/// </summary>
internal static class SharedData
{
    // Declared first: static initialisers run in textual order and Root needs it.
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Root { get; } = Locate();

    /// <summary>The full path of a file or folder under shared/data; fails with a clear message if it is missing.</summary>
    public static string PathOf(string relative)
    {
        string path = Path.Combine(Root, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"shared test data is missing: {path} (set ENSURESEC_SHARED_DATA to the shared/data folder)", path);
        }

        return path;
    }

    private static string Locate()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("ENSURESEC_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Directory.Exists(fromEnv)
                ? fromEnv
                : throw new DirectoryNotFoundException($"ENSURESEC_SHARED_DATA points to a missing folder: {fromEnv}");
        }

        string candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
        return Directory.Exists(candidate)
            ? candidate
            : throw new DirectoryNotFoundException($"shared test data not found at {candidate} (set ENSURESEC_SHARED_DATA)");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ensuresec.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException($"no Ensuresec.sln above {AppContext.BaseDirectory}");
    }
}

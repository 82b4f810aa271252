using Ensuresec.Integrity.Common;

namespace Ensuresec.Integrity.Inspect;

/// <summary>Inspects every script, page and PHP file under a folder (and any other file that holds a PHP tag), in parallel.</summary>
internal static class DirectoryInspection
{
    public static IReadOnlyList<InspectionResult> Run(Inspector inspector, string root, int parallelism = 0)
    {
        var errors = new List<InspectionResult>();
        var files = TreeWalker.Files(root, (path, message) => { lock (errors) errors.Add(new InspectionResult { Path = path, Error = message }); })
            .Where(f => !f.EndsWith(".map", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var results = new InspectionResult[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount }, i =>
        {
            results[i] = inspector.InspectFile(files[i]);
        });
        return [.. results, .. errors];
    }
}

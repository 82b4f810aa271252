namespace Ensuresec.Bench.Parsers;

/// <summary>Input lines for the parser benchmarks: the shared apache_logs if found, else synthetic lines from a fixed seed.</summary>
internal static class BenchData
{
    public static string[] AccessLines()
    {
        string? root = Environment.GetEnvironmentVariable("ENSURESEC_SHARED_DATA");
        foreach (string? candidate in new[] { root, "../shared/data", "../../shared/data" })
        {
            if (candidate is null) continue;
            string path = Path.Combine(candidate, "access-logs", "apache_logs");
            if (File.Exists(path)) return File.ReadAllLines(path);
        }

        var random = new Random(42);
        string[] paths = ["/", "/shop/cart", "/login", "/search?q=shoes", "/static/app.js", "/api/orders/17"];
        return Enumerable.Range(0, 10_000).Select(i =>
            $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)} - - [17/May/2015:10:{i / 600 % 60:00}:{i / 10 % 60:00} +0000] " +
            $"\"GET {paths[random.Next(paths.Length)]} HTTP/1.1\" 200 {random.Next(100_000)} \"-\" \"Mozilla/5.0 (X11; Linux x86_64) bench/{random.Next(10)}\"").ToArray();
    }
}

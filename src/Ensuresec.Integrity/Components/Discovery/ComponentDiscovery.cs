using System.Text.Json;
using System.Text.RegularExpressions;
using Ensuresec.Integrity.Common;

namespace Ensuresec.Integrity.Components.Discovery;

/// <summary>
/// Finds the components of a shop's tree: composer.lock and package-lock.json anywhere (vendor and node_modules
/// are not walked: their lock files list them), WordPress plugins (wp-content/plugins/SLUG, version from the plugin
/// header or readme "Stable tag") and Magento modules (app/code/Vendor/Module/composer.json).
/// </summary>
internal static partial class ComponentDiscovery
{
    public static (List<Component> Components, List<string> Errors) Discover(string root)
    {
        var components = new List<Component>();
        var errors = new List<string>();
        var files = TreeWalker.Files(root, (p, m) => errors.Add($"{p}: {m}"), folder => Path.GetFileName(folder) is "node_modules" or "vendor").ToList();
        foreach (string file in files)
        {
            string name = Path.GetFileName(file);
            if (name == "composer.lock") Add(LockFileReader.ComposerLock(file), components, errors);
            else if (name == "package-lock.json") Add(LockFileReader.PackageLock(file), components, errors);
        }

        foreach (string plugins in Directory.Exists(root) ? FindFolders(root, "wp-content/plugins") : [])
        {
            foreach (string plugin in SafeFolders(plugins, errors))
            {
                if (WordPressPlugin(plugin) is { } c) components.Add(c);
                else errors.Add($"{plugin}: no plugin header with a Version");
            }
        }

        foreach (string code in FindFolders(root, "app/code"))
        {
            foreach (string vendor in SafeFolders(code, errors))
            {
                foreach (string module in SafeFolders(vendor, errors))
                {
                    string composer = Path.Combine(module, "composer.json");
                    if (!File.Exists(composer)) continue;
                    try
                    {
                        using var doc = JsonDocument.Parse(File.ReadAllBytes(composer));
                        string? n = LockFileReader.Str(doc.RootElement, "name"), v = LockFileReader.Str(doc.RootElement, "version");
                        if (n is not null && v is not null) components.Add(new Component("Packagist", n.ToLowerInvariant(), v, composer));
                        else errors.Add($"{composer}: needs name and version to be matched");
                    }
                    catch (JsonException ex)
                    {
                        errors.Add($"{composer}: invalid JSON at line {ex.LineNumber + 1}");
                    }
                }
            }
        }

        return ([.. components.DistinctBy(c => (c.Ecosystem, c.Name, c.Version))], errors);
    }

    private static Component? WordPressPlugin(string folder)
    {
        string slug = Path.GetFileName(folder);
        foreach (string php in Directory.EnumerateFiles(folder, "*.php").Order(StringComparer.Ordinal))
        {
            string head = ReadHead(php);
            if (!head.Contains("Plugin Name:", StringComparison.OrdinalIgnoreCase)) continue;
            var m = HeaderVersion().Match(head);
            if (m.Success) return new Component("WordPress", slug, m.Groups[1].Value.Trim(), php);
        }

        string readme = Path.Combine(folder, "readme.txt");
        if (File.Exists(readme) && StableTag().Match(ReadHead(readme)) is { Success: true } t) return new Component("WordPress", slug, t.Groups[1].Value.Trim(), readme);
        return null;
    }

    private static string ReadHead(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var buffer = new char[8192];
            int n = reader.ReadBlock(buffer, 0, buffer.Length);
            return new string(buffer, 0, n);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static IEnumerable<string> FindFolders(string root, string relative)
    {
        string direct = Path.Combine(root, relative);
        if (Directory.Exists(direct)) yield return direct;
    }

    private static List<string> SafeFolders(string folder, List<string> errors)
    {
        try
        {
            return [.. Directory.EnumerateDirectories(folder).Where(d => new DirectoryInfo(d).LinkTarget is null).Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{folder}: {ex.Message}");
            return [];
        }
    }

    private static void Add((List<Component> Components, List<string> Errors) found, List<Component> components, List<string> errors)
    {
        components.AddRange(found.Components);
        errors.AddRange(found.Errors);
    }

    [GeneratedRegex(@"^[ \t/*#@]*Version:\s*([^\r\n]+)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderVersion();

    [GeneratedRegex(@"^Stable tag:\s*([^\r\n]+)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StableTag();
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ensuresec.Physical.Assets;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec assets check FILE`: validates an asset map (docs/PHYSICAL.md, "Asset map") and prints a summary.</summary>
internal static class AssetsCommand
{
    public static Command Create()
    {
        var command = new Command("assets", "The asset map: sites, vehicles, ATMs, containers, sensors and cards, and how they are chained.");
        command.Subcommands.Add(Check());
        return command;
    }

    private static Command Check()
    {
        var file = new Argument<string>("file") { Description = "The asset map (YAML)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("check", "Validate an asset map: YAML, keys, positions on the Earth, references, part-of cycles, sizes. Prints a summary; each error names file:line:column and the key. Exit 0 when valid, 2 when not.");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            string path = pr.GetValue(file)!;
            var map = AssetMapLoader.LoadFile(path, out var errors);
            if (pr.GetValue(json)) Console.Out.WriteLine(Json(path, map, errors));
            else if (map is null) foreach (var e in errors) Console.Error.WriteLine(e);
            else Console.Out.Write(Summary(path, map));
            return map is null ? ExitCodes.BadUsage : ExitCodes.Ok;
        });
        return command;
    }

    private static string Summary(string path, AssetMap map)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string> { $"{path}: valid asset map" };
        lines.AddRange(map.Counts.Select(kv => string.Create(inv, $"  {kv.Key}: {kv.Value}")));
        foreach (var g in map.Sites.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)) lines.Add(string.Create(inv, $"  sites of kind {g.Key}: {g.Count()}"));
        lines.Add(string.Create(inv, $"  part-of links: {map.Links.Count}, longest chain: {map.LongestChain}"));
        lines.Add(string.Create(inv, $"  places a cargo door may open at (no route plan): {map.LoadingPlaces.Count}"));
        return string.Join('\n', lines) + "\n";
    }

    private static string Json(string path, AssetMap? map, IReadOnlyList<AssetMapError> errors)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("file", path);
            w.WriteBoolean("valid", map is not null);
            w.WriteStartArray("errors");
            foreach (var e in errors)
            {
                w.WriteStartObject();
                w.WriteNumber("line", e.Line);
                w.WriteNumber("column", e.Column);
                w.WriteString("key", e.KeyPath);
                w.WriteString("reason", e.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (map is not null)
            {
                w.WriteStartObject("counts");
                foreach (var (k, v) in map.Counts) w.WriteNumber(k, v);
                w.WriteEndObject();
                w.WriteStartObject("sites_by_kind");
                foreach (var g in map.Sites.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)) w.WriteNumber(g.Key, g.Count());
                w.WriteEndObject();
                w.WriteNumber("links", map.Links.Count);
                w.WriteNumber("longest_chain", map.LongestChain);
                w.WriteNumber("loading_places", map.LoadingPlaces.Count);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

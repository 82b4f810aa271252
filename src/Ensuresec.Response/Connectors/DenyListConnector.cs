using System.Net;
using System.Text;

namespace Ensuresec.Response.Connectors;

/// <summary>
/// <c>x-ensuresec-deny-list</c> commands: <c>deny ADDRESS</c>, <c>allow ADDRESS</c> (take it off the list) and
/// <c>check ADDRESS</c> (output "denied" or "allowed"). ADDRESS is an IPv4/IPv6 address or CIDR range, parsed
/// before anything is written, so nothing but an address reaches the nginx configuration. The file is replaced
/// atomically; a failing config test restores it.
/// </summary>
public sealed class DenyListConnector(DenyListOptions options) : ICommandConnector
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public string CommandType => "x-ensuresec-deny-list";

    public async Task<CommandOutcome> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string[] parts = (request.Command.Command ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0] is not ("deny" or "allow" or "check"))
            return CommandOutcome.Fail($"expected 'deny|allow|check ADDRESS', got '{Shorten(request.Command.Command)}'");
        if (Normalize(parts[1]) is not { } address) return CommandOutcome.Fail($"'{Shorten(parts[1])}' is not an IP address or CIDR range");

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = Read();
            if (parts[0] == "check") return CommandOutcome.Ok($"{address} is {(entries.Contains(address) ? "denied" : "allowed")}", entries.Contains(address) ? "denied" : "allowed");
            bool changed = parts[0] == "deny" ? entries.Add(address) : entries.Remove(address);
            if (!changed) return CommandOutcome.Ok($"{address} already {(parts[0] == "deny" ? "denied" : "allowed")}; nothing to do");
            return await WriteAndReload(entries, $"{parts[0]} {address}", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The denied addresses in the file (lines <c>deny X;</c>; anything else is ignored).</summary>
    public SortedSet<string> Read()
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        if (!File.Exists(options.FilePath)) return set;
        foreach (string line in File.ReadLines(options.FilePath))
        {
            string t = line.Trim();
            if (t.StartsWith("deny ", StringComparison.Ordinal) && t.EndsWith(';') && Normalize(t[5..^1].Trim()) is { } a) set.Add(a);
        }

        return set;
    }

    private async Task<CommandOutcome> WriteAndReload(SortedSet<string> entries, string change, CancellationToken ct)
    {
        string? previous = File.Exists(options.FilePath) ? await File.ReadAllTextAsync(options.FilePath, ct).ConfigureAwait(false) : null;
        var sb = new StringBuilder("# Managed by ensuresec response playbooks: addresses denied at the web server. Do not edit by hand.\n");
        foreach (string e in entries) sb.Append("deny ").Append(e).Append(";\n");
        string temp = options.FilePath + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.FilePath))!);
        await File.WriteAllTextAsync(temp, sb.ToString(), ct).ConfigureAwait(false);
        File.Move(temp, options.FilePath, overwrite: true);

        if (options.TestCommand.Count > 0)
        {
            var test = await ProcessRunner.RunAsync(options.TestCommand, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            if (test.ExitCode != 0)
            {
                if (previous is null) File.Delete(options.FilePath);
                else await File.WriteAllTextAsync(options.FilePath, previous, ct).ConfigureAwait(false);
                return CommandOutcome.Fail($"{change}: config test failed (exit {test.ExitCode}: {Shorten(test.Error)}); previous deny list restored");
            }
        }

        if (options.ReloadCommand.Count > 0)
        {
            var reload = await ProcessRunner.RunAsync(options.ReloadCommand, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            if (reload.ExitCode != 0) return CommandOutcome.Fail($"{change}: written, but reload failed (exit {reload.ExitCode}: {Shorten(reload.Error)})");
            return CommandOutcome.Ok($"{change}: written to {options.FilePath} ({entries.Count} denied), web server reloaded");
        }

        return CommandOutcome.Ok($"{change}: written to {options.FilePath} ({entries.Count} denied)");
    }

    /// <summary>The canonical text of an address or CIDR range, or null when it is neither.</summary>
    public static string? Normalize(string text)
    {
        if (text.Contains('/', StringComparison.Ordinal)) return IPNetwork.TryParse(text, out var net) ? net.ToString() : null;
        return IPAddress.TryParse(text, out var ip) && (ip.ToString() == text || text.Contains(':', StringComparison.Ordinal)) ? ip.ToString() : null;
    }

    private static string Shorten(string? s) => s is null ? "" : s.Length <= 200 ? s.ReplaceLineEndings(" ") : s[..200].ReplaceLineEndings(" ") + "...";
}

namespace Ensuresec.Integrity.Pages;

/// <summary>A script on a page: inline (identified by its hash) or external (by its address), with its Subresource Integrity attribute if any.</summary>
internal sealed record PageScript(string Kind, string? Src, string? Origin, string? Sha256, string? Integrity, long Length)
{
    /// <summary>What identifies the script across versions: the address of an external one, the hash of an inline one.</summary>
    public string Key => Kind == "external" ? "src:" + Src : "inline:" + Sha256;
}

/// <summary>A form on a page and where it posts.</summary>
internal sealed record PageForm(string Action, string Method, string? Origin);

/// <summary>What a page was when fetched: its scripts, its forms and its Content-Security-Policy.</summary>
internal sealed record PageSnapshot
{
    public required string Url { get; init; }
    public required DateTimeOffset FetchedAt { get; init; }
    public int Status { get; init; }
    public string? Csp { get; init; }
    public bool CspReportOnly { get; init; }
    public IReadOnlyList<PageScript> Scripts { get; init; } = [];
    public IReadOnlyList<PageForm> Forms { get; init; } = [];
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Equal for two snapshots with the same scripts, forms and policy (the fetch time aside).</summary>
    public string Fingerprint() =>
        string.Join('\n', Scripts.Select(s => $"{s.Key}|{s.Sha256}|{s.Integrity}").Order(StringComparer.Ordinal)) + "\n#\n" +
        string.Join('\n', Forms.Select(f => $"{f.Method} {f.Action}").Order(StringComparer.Ordinal)) + "\n#\n" + Csp + "|" + CspReportOnly;
}

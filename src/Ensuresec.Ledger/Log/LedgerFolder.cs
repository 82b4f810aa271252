using System.Text;
using Ensuresec.Ledger.Checkpoints;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Policy;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Log;

/// <summary>
/// A ledger in a folder: the log key, the witness policy, the tiles and entries, the latest durable checkpoint and
/// the published one. <see cref="Init"/> creates it; <see cref="Open"/> reads it for appending, proving or checking.
/// </summary>
internal sealed class LedgerFolder : IDisposable
{
    private readonly Ed25519Signer _signer;
    private TileLogWriter? _writer;
    private LogLock? _lock;

    private readonly TileLogOptions _options;

    private LedgerFolder(string folder, Ed25519Signer signer, WitnessPolicy policy, TileLogOptions options)
    {
        _options = options;
        Folder = folder;
        Store = new FileTileStore(folder);
        _signer = signer;
        Policy = policy;
        LogVerifier = signer.Verifier();
    }

    public string Folder { get; }

    public FileTileStore Store { get; }

    public WitnessPolicy Policy { get; }

    public INoteVerifier LogVerifier { get; }

    public string Origin => _signer.Name;

    public string VerifierKey => _signer.VerifierKey;

    /// <summary>
    /// Creates a ledger with a new key named <paramref name="origin"/> (or the existing key at <paramref name="keyPath"/>,
    /// whose name is then the origin) and, unless <paramref name="policyPath"/> names one elsewhere, the policy
    /// "quorum none"; fails if one exists.
    /// </summary>
    public static Parsed<LedgerFolder> Init(string folder, string origin, string? keyPath = null, string? policyPath = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Ed25519Signer signer;
        if (keyPath is null)
        {
            if (!KeyNames.IsValid(origin ?? string.Empty)) return Parsed<LedgerFolder>.Fail("the origin must be non-empty, without spaces or '+' (e.g. shop.example/ledger)");
            if (File.Exists(Path.Combine(folder, LedgerLayout.PrivateKey))) return Parsed<LedgerFolder>.Fail($"{folder} already holds a ledger");
            signer = Ed25519Signer.Generate(origin!);
        }
        else
        {
            var parsed = ReadKey(keyPath);
            if (!parsed.Ok) return Parsed<LedgerFolder>.Fail(parsed.Error);
            if (File.Exists(Path.Combine(folder, LedgerLayout.VerifierKey))) return Parsed<LedgerFolder>.Fail($"{folder} already holds a ledger");
            signer = parsed.Value;
        }

        Directory.CreateDirectory(folder);
        if (keyPath is null) WritePrivate(Path.Combine(folder, LedgerLayout.PrivateKey), signer.PrivateKey + "\n");
        File.WriteAllText(Path.Combine(folder, LedgerLayout.VerifierKey), signer.VerifierKey + "\n");
        if (policyPath is null) File.WriteAllText(Path.Combine(folder, LedgerLayout.Policy), $"# c2sp.org/tlog-policy: the log, its witnesses and the quorum a published checkpoint needs.\nlog {signer.VerifierKey}\nquorum none\n");
        var opened = Open(folder, keyPath, policyPath);
        if (!opened.Ok) return opened;
        var locked = opened.Value.Writer();
        if (!locked.Ok)
        {
            opened.Value.Dispose();
            return Parsed<LedgerFolder>.Fail(locked.Error);
        }

        if (opened.Value.Policy.IsSatisfied(new HashSet<string>())) opened.Value.PublishUnwitnessed();
        return opened;
    }

    /// <summary>
    /// Opens an existing ledger, with its key and policy in the folder unless <paramref name="keyPath"/> or
    /// <paramref name="policyPath"/> name them elsewhere; errors name the file that is missing or wrong.
    /// </summary>
    public static Parsed<LedgerFolder> Open(string folder, string? keyPath = null, string? policyPath = null, TileLogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (keyPath is null && !File.Exists(Path.Combine(folder, LedgerLayout.PrivateKey))) return Parsed<LedgerFolder>.Fail($"{folder} is not a ledger (no {LedgerLayout.PrivateKey}); run ledger init first");
        var signer = ReadKey(keyPath ?? Path.Combine(folder, LedgerLayout.PrivateKey));
        if (!signer.Ok) return Parsed<LedgerFolder>.Fail(signer.Error);
        string path = policyPath ?? Path.Combine(folder, LedgerLayout.Policy);
        if (policyPath is not null && !File.Exists(path)) return Parsed<LedgerFolder>.Fail($"{path}: no such policy file");
        var policy = File.Exists(path) ? PolicyParser.Parse(File.ReadAllBytes(path)) : PolicyParser.Parse(Encoding.UTF8.GetBytes("quorum none\n"));
        if (!policy.Ok) return Parsed<LedgerFolder>.Fail($"{path}: {policy.Error}");
        return Parsed<LedgerFolder>.Success(new LedgerFolder(Path.GetFullPath(folder), signer.Value, policy.Value, options ?? new TileLogOptions()));
    }

    private static Parsed<Ed25519Signer> ReadKey(string path)
    {
        if (!File.Exists(path)) return Parsed<Ed25519Signer>.Fail($"{path}: no such key file");
        var signer = Ed25519Signer.Parse(File.ReadAllText(path).Trim());
        return signer.Ok ? signer : Parsed<Ed25519Signer>.Fail($"{path}: {signer.Error}");
    }

    /// <summary>The writer, opened (and the folder locked) on first use; recovers from a crashed batch.</summary>
    public Parsed<TileLogWriter> Writer()
    {
        if (_writer is not null) return Parsed<TileLogWriter>.Success(_writer);
        var locked = LogLock.Acquire(Folder);
        if (!locked.Ok) return Parsed<TileLogWriter>.Fail(locked.Error);
        try
        {
            _writer = TileLogWriter.Open(Store, _signer, LogVerifier, _options);
            _lock = locked.Value;
            return Parsed<TileLogWriter>.Success(_writer);
        }
        catch (LedgerDataException ex)
        {
            locked.Value.Dispose();
            return Parsed<TileLogWriter>.Fail(ex.Message);
        }
    }

    /// <summary>The latest durable checkpoint (signed by the log only), read from disk.</summary>
    public Parsed<SignedCheckpoint> Latest() => ReadCheckpoint(TileLogWriter.LatestPath, requirePolicy: false);

    /// <summary>The published checkpoint, checked against the log key and the witness policy.</summary>
    public Parsed<SignedCheckpoint> Published() => ReadCheckpoint(TilePaths.CheckpointPath, requirePolicy: true);

    /// <summary>
    /// Publishes the latest checkpoint without witnesses (only when the policy asks for none). Not
    /// <paramref name="durable"/>: it survives the process but reaches the disk later (after a power loss an older
    /// checkpoint may be published until the log is opened again, which publishes the latest).
    /// </summary>
    public void PublishUnwitnessed(bool durable = true)
    {
        if (!Policy.IsSatisfied(new HashSet<string>())) throw new InvalidOperationException("the policy needs witness cosignatures");
        var latest = Store.Read(TileLogWriter.LatestPath) ?? throw new LedgerDataException($"{TileLogWriter.LatestPath} is missing");
        if (durable) Store.WriteAll([new(TilePaths.CheckpointPath, latest)]);
        else Store.Replace(TilePaths.CheckpointPath, latest);
    }

    /// <summary>Writes an already cosigned note as the published checkpoint.</summary>
    public void PublishNote(string note) => Store.WriteAll([new(TilePaths.CheckpointPath, Encoding.UTF8.GetBytes(note))]);

    public Parsed<SignedCheckpoint> ReadCheckpoint(string path, bool requirePolicy)
    {
        var bytes = Store.Read(path);
        if (bytes is null) return Parsed<SignedCheckpoint>.Fail($"{path} is missing");
        return SignedCheckpoint.Open(bytes, Origin, LogVerifier, requirePolicy ? Policy : null, path);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _lock?.Dispose();
        _lock = null;
        _writer = null;
    }

    private static void WritePrivate(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(content));
        stream.Flush(flushToDisk: true);
    }
}

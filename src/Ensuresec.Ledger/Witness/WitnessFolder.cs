using System.Text;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Policy;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Witness;

/// <summary>
/// A witness's folder: its Ed25519 key (witness.key, owner-only), its cosigner vkey (witness.vkey, type 0x04, what
/// logs put in their policy), the logs it trusts (trusted-logs, tlog-policy "log" lines) and its state (state/).
/// </summary>
internal static class WitnessFolder
{
    public const string PrivateKey = "witness.key";
    public const string VerifierKey = "witness.vkey";
    public const string TrustedLogs = "trusted-logs";

    public static Parsed<string> Init(string folder, string name)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!KeyNames.IsValid(name ?? string.Empty)) return Parsed<string>.Fail("the witness name must be non-empty, without spaces or '+' (e.g. courier.example/witness)");
        if (File.Exists(Path.Combine(folder, PrivateKey))) return Parsed<string>.Fail($"{folder} already holds a witness");
        Directory.CreateDirectory(folder);
        var signer = Ed25519Signer.Generate(name!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(Path.Combine(folder, PrivateKey), options)) stream.Write(Encoding.UTF8.GetBytes(signer.PrivateKey + "\n"));
        string vkey = signer.AsCosigner(TimeProvider.System).VerifierKey;
        File.WriteAllText(Path.Combine(folder, VerifierKey), vkey + "\n");
        File.WriteAllText(Path.Combine(folder, TrustedLogs), "# The logs this witness cosigns, one \"log <vkey>\" line each (c2sp.org/tlog-policy syntax).\nquorum none\n");
        return Parsed<string>.Success(vkey);
    }

    /// <summary>Reads the witness's key and trusted logs (plus <paramref name="extraLogKeys"/>) and builds the service.</summary>
    public static Parsed<WitnessService> Open(string folder, IEnumerable<string> extraLogKeys, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string keyPath = Path.Combine(folder, PrivateKey);
        if (!File.Exists(keyPath)) return Parsed<WitnessService>.Fail($"{folder} is not a witness folder (no {PrivateKey}); run witness init first");
        var signer = Ed25519Signer.Parse(File.ReadAllText(keyPath).Trim());
        if (!signer.Ok) return Parsed<WitnessService>.Fail($"{keyPath}: {signer.Error}");
        var logs = new List<PolicyLog>();
        string trusted = Path.Combine(folder, TrustedLogs);
        if (File.Exists(trusted))
        {
            var policy = PolicyParser.Parse(File.ReadAllBytes(trusted));
            if (!policy.Ok) return Parsed<WitnessService>.Fail($"{trusted}: {policy.Error}");
            logs.AddRange(policy.Value.Logs);
        }

        foreach (string vkey in extraLogKeys ?? [])
        {
            var key = VerifierKeys.Parse(vkey.Trim());
            if (!key.Ok) return Parsed<WitnessService>.Fail($"--log {vkey}: {key.Error}");
            logs.Add(new PolicyLog(vkey, key.Value, null));
        }

        if (logs.Count == 0) return Parsed<WitnessService>.Fail($"no trusted logs: add \"log <vkey>\" lines to {trusted} or pass --log");
        return Parsed<WitnessService>.Success(new WitnessService(signer.Value.AsCosigner(clock), logs, new FileTileStore(Path.Combine(folder, "state"))));
    }
}

using System.Globalization;
using System.Text;
using Ensuresec.Ledger.Notes;

namespace Ensuresec.Ledger.Policy;

/// <summary>Reads the c2sp.org/tlog-policy text format; errors name the line.</summary>
internal static class PolicyParser
{
    public const int MaxBytes = 64 * 1024;
    public const int MaxItems = 256;

    public static Parsed<WitnessPolicy> Parse(ReadOnlySpan<byte> text)
    {
        if (text.Length > MaxBytes) return Parsed<WitnessPolicy>.Fail($"the policy is larger than {MaxBytes} bytes");
        foreach (byte b in text)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' || b == 0x7F) return Parsed<WitnessPolicy>.Fail("the policy contains a control character");
        }

        string content;
        try
        {
            content = new UTF8Encoding(false, true).GetString(text);
        }
        catch (DecoderFallbackException)
        {
            return Parsed<WitnessPolicy>.Fail("the policy is not valid UTF-8");
        }

        var logs = new List<PolicyLog>();
        var witnesses = new Dictionary<string, PolicyWitness>(StringComparer.Ordinal);
        var groups = new Dictionary<string, PolicyGroup>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        string? quorum = null;
        var lines = content.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string where = "line " + (n + 1).ToString(CultureInfo.InvariantCulture);
            string line = lines[n].Trim(' ', '\t');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (logs.Count + witnesses.Count + groups.Count > MaxItems) return Fail(where, $"more than {MaxItems} logs, witnesses and groups");
            switch (f[0])
            {
                case "log":
                    {
                        if (f.Length is < 2 or > 3) return Fail(where, "log <vkey> [<url>]");
                        var key = VerifierKeys.Parse(f[1]);
                        if (!key.Ok) return Fail(where, key.Error);
                        if (!keys.Add(KeyMaterial(f[1]))) return Fail(where, "duplicate key");
                        logs.Add(new PolicyLog(f[1], key.Value, f.Length == 3 ? f[2] : null));
                        break;
                    }

                case "witness":
                    {
                        if (f.Length is < 3 or > 4) return Fail(where, "witness <name> <vkey> [<url>]");
                        if (!IsNewName(f[1], witnesses, groups)) return Fail(where, $"the name {f[1]} is already defined or reserved");
                        var key = VerifierKeys.Parse(f[2]);
                        if (!key.Ok) return Fail(where, key.Error);
                        if (!keys.Add(KeyMaterial(f[2]))) return Fail(where, "duplicate key");
                        witnesses[f[1]] = new PolicyWitness(f[1], f[2], key.Value, f.Length == 4 ? f[3] : null);
                        break;
                    }

                case "group":
                    {
                        if (f.Length < 4) return Fail(where, "group <name> all|any|<k> <name>...");
                        if (!IsNewName(f[1], witnesses, groups)) return Fail(where, $"the name {f[1]} is already defined or reserved");
                        var members = f[3..];
                        if (members.Distinct(StringComparer.Ordinal).Count() != members.Length) return Fail(where, "a member is listed twice");
                        foreach (var m in members)
                        {
                            if (!witnesses.ContainsKey(m) && !groups.ContainsKey(m)) return Fail(where, $"{m} is not a witness or group defined above");
                        }

                        int k;
                        if (string.Equals(f[2], "all", StringComparison.Ordinal)) k = members.Length;
                        else if (string.Equals(f[2], "any", StringComparison.Ordinal)) k = 1;
                        else if (!int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out k) || k < 1 || k > members.Length) return Fail(where, $"the threshold must be all, any or 1..{members.Length}");
                        groups[f[1]] = new PolicyGroup(f[1], k, members);
                        break;
                    }

                case "quorum":
                    if (f.Length != 2) return Fail(where, "quorum <name>");
                    if (quorum is not null) return Fail(where, "a second quorum line");
                    if (!string.Equals(f[1], WitnessPolicy.None, StringComparison.Ordinal) && !witnesses.ContainsKey(f[1]) && !groups.ContainsKey(f[1])) return Fail(where, $"{f[1]} is not a witness or group defined above");
                    quorum = f[1];
                    break;
                default:
                    return Fail(where, $"unknown keyword {f[0]}");
            }
        }

        return quorum is null
            ? Parsed<WitnessPolicy>.Fail("the policy has no quorum line")
            : Parsed<WitnessPolicy>.Success(new WitnessPolicy(logs, witnesses, groups, quorum));
    }

    private static bool IsNewName(string name, Dictionary<string, PolicyWitness> witnesses, Dictionary<string, PolicyGroup> groups) =>
        !string.Equals(name, WitnessPolicy.None, StringComparison.Ordinal) && !witnesses.ContainsKey(name) && !groups.ContainsKey(name);

    /// <summary>Keys are duplicates when they wrap the same public key, whatever their name and ID.</summary>
    private static string KeyMaterial(string vkey) => Convert.ToBase64String(KeyNames.DecodeBase64(vkey.Split('+', 3)[2])![1..]);

    private static Parsed<WitnessPolicy> Fail(string where, string why) => Parsed<WitnessPolicy>.Fail(where + ": " + why);
}

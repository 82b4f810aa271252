using System.Text;

namespace Ensuresec.Integrity.Files;

/// <summary>
/// A baseline on disk: manifest.json (the signed state), manifest.sig (Ed25519 over it), baseline.pub, and
/// objects.pack and objects.idx (copies of the files, for diffs and restore). Kept outside the web root it describes.
/// </summary>
internal sealed class BaselineStore(string folder)
{
    public string Folder => folder;

    private string ManifestPath => Path.Combine(folder, "manifest.json");

    private string SignaturePath => Path.Combine(folder, "manifest.sig");

    public string PublicKeyPath => Path.Combine(folder, "baseline.pub");

    /// <summary>The baseline's copy of the content with this hash (not yet checked against it), or null.</summary>
    public byte[]? ReadObject(string sha256) => ObjectPack.Read(folder, sha256);

    /// <summary>Records <paramref name="root"/>: hashes every file, copies those up to <paramref name="maxCopyBytes"/>, signs the manifest.</summary>
    public (Baseline Baseline, List<string> Problems) Create(string root, byte[] privateKey, DateTimeOffset now, long maxCopyBytes, Func<string, bool>? exclude = null)
    {
        string fullRoot = Path.GetFullPath(root);
        string fullStore = Path.GetFullPath(folder);
        if (IsInside(fullStore, fullRoot)) throw new ArgumentException("the baseline folder must be outside the tree it records", nameof(root));
        var problems = new List<string>();
        Directory.CreateDirectory(folder);
        using var pack = ObjectPack.Create(folder);
        var copied = FileSnapshot.Take(fullRoot, problems, exclude, maxCopyBytes, (sha, bytes) => { pack.Add(sha, bytes); return true; });
        pack.Commit();
        var baseline = new Baseline { Root = fullRoot, Created = now, Files = copied };
        byte[] json = baseline.ToJson();
        File.WriteAllBytes(ManifestPath + ".tmp", json);
        File.Move(ManifestPath + ".tmp", ManifestPath, true);
        File.WriteAllText(SignaturePath, Convert.ToBase64String(BaselineSigner.Sign(privateKey, json)) + "\n");
        File.WriteAllText(PublicKeyPath, Convert.ToBase64String(BaselineSigner.PublicKeyOf(privateKey)) + "\n");
        return (baseline, problems);
    }

    /// <summary>Loads the manifest after checking its signature with <paramref name="publicKey"/>; any doubt is an error.</summary>
    public (Baseline? Baseline, string? Error) Load(byte[] publicKey)
    {
        if (!File.Exists(ManifestPath)) return (null, $"{ManifestPath}: no baseline here (run `ensuresec integrity baseline` first)");
        if (!File.Exists(SignaturePath)) return (null, $"{SignaturePath}: the baseline is not signed");
        byte[] json;
        byte[] signature;
        try
        {
            json = File.ReadAllBytes(ManifestPath);
            signature = Convert.FromBase64String(File.ReadAllText(SignaturePath, Encoding.ASCII).Trim());
        }
        catch (FormatException)
        {
            return (null, $"{SignaturePath}: not base64");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, ex.Message);
        }

        if (!BaselineSigner.Verify(publicKey, json, signature)) return (null, $"{ManifestPath}: the signature does not verify: the baseline was altered or signed with another key");
        return Baseline.Parse(json, ManifestPath);
    }

    private static bool IsInside(string path, string root) =>
        path.Equals(root, StringComparison.Ordinal) || path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}

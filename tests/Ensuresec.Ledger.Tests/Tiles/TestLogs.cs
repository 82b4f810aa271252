using System.Text;
using Ensuresec.Ledger.Merkle;
using Ensuresec.Ledger.Notes;
using Ensuresec.Ledger.Tiles;

namespace Ensuresec.Ledger.Tests.Tiles;

internal static class TestLogs
{
    public static readonly Ed25519Signer Signer = Ed25519Signer.Parse("PRIVATE+KEY+logandmap+38581672+AXJ0FKWOcO2ch6WC8kP705Ed3Gxu7pVtZLhfHAQwp+FE").Value!;

    public static byte[] Entry(int i) => Encoding.UTF8.GetBytes($"{{\"n\":{i}}}");

    public static List<byte[]> Entries(int from, int count) => Enumerable.Range(from, count).Select(Entry).ToList();

    public static TileLogWriter Open(ITileStore store) => TileLogWriter.Open(store, Signer, Signer.Verifier());

    public static byte[] NaiveRoot(int count) => Merkle.NaiveTree.Mth(Enumerable.Range(0, count).Select(i => TreeHasher.HashLeaf(Entry(i))).ToList(), 0, count);

    public static string TempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "ensuresec-ledger-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

namespace Ensuresec.Ledger.Merkle;

/// <summary>All node hashes of a tree held in memory, level by level; for small trees, tests and benchmarks.</summary>
internal sealed class MemoryNodes : INodeSource
{
    private readonly List<List<byte[]>> _levels = [[]];

    public ulong Size => (ulong)_levels[0].Count;

    public void AppendLeafHash(byte[] leafHash)
    {
        _levels[0].Add(leafHash);
        int level = 0;
        while (_levels[level].Count % 2 == 0)
        {
            var below = _levels[level];
            var parent = TreeHasher.HashChildren(below[^2], below[^1]);
            if (_levels.Count == level + 1) _levels.Add([]);
            _levels[level + 1].Add(parent);
            level++;
        }
    }

    public byte[] Node(int height, ulong index) => _levels[height][checked((int)index)];
}

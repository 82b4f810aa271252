using System.Numerics;

namespace Ensuresec.Workflows.Checking;

/// <summary>
/// The set of visited states: vectors of a fixed length packed into one growing int array, found through an
/// open-addressing hash table of ids. States are numbered 0, 1, ... in the order they were added.
/// </summary>
internal sealed class StateStore
{
    private readonly int _width;
    private int[] _pool;
    private int[] _table; // id + 1, 0 = empty
    private int _mask;

    public StateStore(int width, int capacity = 1024)
    {
        _width = Math.Max(1, width);
        _pool = new int[_width * capacity];
        int size = 1;
        while (size < capacity * 2) size <<= 1;
        _table = new int[size];
        _mask = size - 1;
    }

    public int Count { get; private set; }

    /// <summary>Bytes held by the pool and the table (for the report).</summary>
    public long Bytes => ((long)_pool.Length + _table.Length) * sizeof(int);

    public ReadOnlySpan<int> Get(int id) => _pool.AsSpan(id * _width, _width);

    public void CopyTo(int id, int[] destination) => Array.Copy(_pool, id * _width, destination, 0, _width);

    /// <summary>The id of the state, adding it when new.</summary>
    public int AddOrGet(ReadOnlySpan<int> state, out bool added)
    {
        uint h = Hash(state);
        int slot = (int)(h & (uint)_mask);
        while (true)
        {
            int entry = _table[slot];
            if (entry == 0) break;
            if (Get(entry - 1).SequenceEqual(state))
            {
                added = false;
                return entry - 1;
            }

            slot = (slot + 1) & _mask;
        }

        int id = Count;
        if ((id + 1) * _width > _pool.Length) Array.Resize(ref _pool, checked(_pool.Length * 2));
        state.CopyTo(_pool.AsSpan(id * _width));
        _table[slot] = id + 1;
        Count++;
        if (Count * 2 > _table.Length) Grow();
        added = true;
        return id;
    }

    private void Grow()
    {
        var old = _table;
        _table = new int[checked(old.Length * 2)];
        _mask = _table.Length - 1;
        foreach (int entry in old)
        {
            if (entry == 0) continue;
            int slot = (int)(Hash(Get(entry - 1)) & (uint)_mask);
            while (_table[slot] != 0) slot = (slot + 1) & _mask;
            _table[slot] = entry;
        }
    }

    // Murmur3-style mixing per slot, then the fmix32 avalanche so the low bits (the table index) spread.
    private static uint Hash(ReadOnlySpan<int> state)
    {
        unchecked
        {
            uint h = 0x9747b28c;
            foreach (int v in state)
            {
                uint k = (uint)v * 0xcc9e2d51;
                k = BitOperations.RotateLeft(k, 15) * 0x1b873593;
                h = (BitOperations.RotateLeft(h ^ k, 13) * 5) + 0xe6546b64;
            }

            h ^= h >> 16;
            h *= 0x85ebca6b;
            h ^= h >> 13;
            h *= 0xc2b2ae35;
            h ^= h >> 16;
            return h;
        }
    }
}

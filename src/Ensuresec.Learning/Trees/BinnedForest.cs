using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ensuresec.Learning.Trees;

/// <summary>
/// The fastest scorer, for forests of depth at most 6 (XGBoost's default) whose features each use at most 255
/// distinct thresholds. Rows are first turned into one byte per feature using the model's own thresholds: the
/// byte is how many of the feature's sorted thresholds lie below the value, so <c>x &lt;= t</c> becomes
/// <c>byte(x) &lt;= index(t)</c> exactly (NaN gets 255 and, as in the tree walk, goes right everywhere).
/// Each tree is padded to the complete depth-6 tree (63 nodes, one bit each), and one row against one tree is:
/// a byte shuffle that puts the row's value of each node's feature under that node, one signed byte comparison
/// giving all 63 "goes right" bits as a 64-bit mask, then two lookups in a 128-entry table that walk three levels
/// each. The mask lists the top three levels first, then the eight depth-3 subtrees, seven bits each, so each
/// lookup reads seven adjacent bits. Trees are visited one after another over a block of rows, so a row's margin
/// receives the trees in order and the sums are bit-identical to <see cref="CompiledForest"/> and the tree walk.
/// </summary>
internal sealed class BinnedForest
{
    public const int MaxDepth = 6;
    private const int Internal = 63;
    private const int Slots = 64;
    private const int BlockRows = 256;
    private const byte Bias = 0x80;

    // A byte bin (biased so signed comparison orders it as unsigned) that never compares greater: padding nodes.
    private const byte NeverRight = 255 ^ Bias;

    // The mask bit of each node of the complete depth-6 tree (heap order: children of i are 2i+1, 2i+2).
    private static readonly int[] MaskBit = BuildMaskBits();

    // The level-3 position (0..7) reached by walking a depth-3 subtree whose seven "goes right" bits are the index.
    private static readonly byte[] SubtreeLeaf = BuildSubtreeLeaves();

    private readonly int features;
    private readonly int stride;
    private readonly bool wide;
    private readonly float[] cuts;
    private readonly int[] searchSize;
    private readonly byte[] nodeFeature;
    private readonly byte[] nodeThreshold;
    private readonly double[] leaf;
    private readonly int treeCount;

    private BinnedForest(int features, int treeCount, bool wide)
    {
        this.features = features;
        this.treeCount = treeCount;
        this.wide = wide;
        stride = wide ? 64 : 16;
        cuts = new float[features * 256];
        searchSize = new int[features];
        nodeFeature = new byte[treeCount * Slots];
        nodeThreshold = new byte[treeCount * Slots];
        leaf = new double[treeCount * Slots];
    }

    /// <summary>Whether this processor has the byte shuffles the scorer needs for <paramref name="features"/> features.</summary>
    public static bool Supports(int features) => Avx512Vbmi.IsSupported ? features <= 64 : Avx2.IsSupported && features <= 16;

    /// <summary>The binned forest, or null when the processor, the depth or the thresholds do not allow it.</summary>
    public static BinnedForest? TryCompile(IReadOnlyList<RegressionTree> trees, int features) =>
        TryCompile(trees, features, Avx512Vbmi.IsSupported);

    /// <summary>As <see cref="TryCompile(IReadOnlyList{RegressionTree}, int)"/>, choosing the instruction set (for tests).</summary>
    internal static BinnedForest? TryCompile(IReadOnlyList<RegressionTree> trees, int features, bool avx512)
    {
        if (avx512 ? !(Avx512Vbmi.IsSupported && features <= 64) : !(Avx2.IsSupported && features <= 16)) return null;
        if (features < 1 || trees.Count == 0 || trees.Any(t => t.Depth() > MaxDepth)) return null;

        var thresholds = new SortedSet<float>[features];
        for (int f = 0; f < features; f++) thresholds[f] = [];
        foreach (var tree in trees)
        {
            for (int n = 0; n < tree.NodeCount; n++)
            {
                if (!tree.IsLeaf(n)) thresholds[tree.Feature[n]].Add(tree.Threshold[n]);
            }
        }

        if (thresholds.Any(t => t.Count > 255 || t.Any(v => !float.IsFinite(v)))) return null;
        var forest = new BinnedForest(features, trees.Count, avx512);
        for (int f = 0; f < features; f++)
        {
            var span = forest.cuts.AsSpan(f * 256, 256);
            span.Fill(float.PositiveInfinity);
            thresholds[f].CopyTo(forest.cuts, f * 256);
            forest.searchSize[f] = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)thresholds[f].Count + 1);
        }

        for (int t = 0; t < trees.Count; t++) forest.Fill(t, trees[t], 0, 0, 0);
        return forest;
    }

    private void Fill(int t, RegressionTree tree, int node, int slot, int level)
    {
        if (level == MaxDepth)
        {
            leaf[(t * Slots) + slot - Internal] = tree.Value[node];
            return;
        }

        int at = (t * Slots) + MaskBit[slot];
        if (tree.IsLeaf(node))
        {
            // Both sides lead to the same value: the comparison is irrelevant.
            nodeFeature[at] = 0;
            nodeThreshold[at] = NeverRight;
            Fill(t, tree, node, (2 * slot) + 1, level + 1);
            Fill(t, tree, node, (2 * slot) + 2, level + 1);
            return;
        }

        int f = tree.Feature[node];
        nodeFeature[at] = (byte)f;
        int index = Array.BinarySearch(cuts, f * 256, 256, tree.Threshold[node]) - (f * 256);
        nodeThreshold[at] = (byte)(index ^ Bias);
        Fill(t, tree, tree.Left[node], (2 * slot) + 1, level + 1);
        Fill(t, tree, tree.Right[node], (2 * slot) + 2, level + 1);
    }

    /// <summary>Adds the sum of all trees' outputs to margins[i] for rows first..first+count.</summary>
    public void AddTo(float[] values, int columns, int firstRow, int count, Span<double> margins)
    {
        if (columns != features) throw new ArgumentException($"the forest needs rows of {features} features", nameof(columns));
        if ((long)(firstRow + count) * columns > values.Length) throw new ArgumentOutOfRangeException(nameof(count));
        if (margins.Length < count) throw new ArgumentOutOfRangeException(nameof(margins));
        // One row more than the block: a 64-byte load of the last row reads past it.
        var binned = ArrayPool<byte>.Shared.Rent((BlockRows + 1) * stride);
        Array.Clear(binned);
        try
        {
            for (int start = 0; start < count; start += BlockRows)
            {
                int n = Math.Min(BlockRows, count - start);
                Bin(values, firstRow + start, n, binned);
                var blockMargins = margins.Slice(start, n);
                if (wide) AddWide(binned, n, blockMargins);
                else AddNarrow(binned, n, blockMargins);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(binned);
        }
    }

    // Each value's byte: how many of its feature's thresholds are below it (a branch-free binary search over the
    // thresholds padded with +infinity to a power of two), NaN 255. All biased by 0x80 for the signed comparison.
    private void Bin(float[] values, int firstRow, int n, byte[] binned)
    {
        ref float cut = ref MemoryMarshal.GetArrayDataReference(cuts);
        for (int r = 0; r < n; r++)
        {
            var row = values.AsSpan((firstRow + r) * features, features);
            var target = binned.AsSpan(r * stride, features);
            for (int f = 0; f < row.Length; f++)
            {
                float x = row[f];
                ref float c = ref Unsafe.Add(ref cut, f * 256);
                int b = 0;
                for (int step = searchSize[f] >> 1; step > 0; step >>= 1)
                {
                    bool below = Unsafe.Add(ref c, b + step - 1) < x;
                    b += step & -Unsafe.As<bool, byte>(ref below);
                }

                target[f] = (byte)((float.IsNaN(x) ? 255 : b) ^ Bias);
            }
        }
    }

    // AVX-512 VBMI: one 64-byte permute and one comparison per row and tree; four trees per pass over the block, so
    // each row is loaded and its margin read and written once per four trees (added in tree order all the same).
    private void AddWide(byte[] binned, int n, Span<double> margins)
    {
        ref byte rows = ref MemoryMarshal.GetArrayDataReference(binned);
        ref byte table = ref MemoryMarshal.GetArrayDataReference(SubtreeLeaf);
        ref double m = ref MemoryMarshal.GetReference(margins);
        int t = 0;
        for (; t + 4 <= treeCount; t += 4)
        {
            var (i0, c0) = WideNodes(t);
            var (i1, c1) = WideNodes(t + 1);
            var (i2, c2) = WideNodes(t + 2);
            var (i3, c3) = WideNodes(t + 3);
            ref double l0 = ref leaf[t * Slots];
            ref double l1 = ref Unsafe.Add(ref l0, Slots);
            ref double l2 = ref Unsafe.Add(ref l0, 2 * Slots);
            ref double l3 = ref Unsafe.Add(ref l0, 3 * Slots);
            for (int r = 0; r < n; r++)
            {
                var row = Vector512.LoadUnsafe(ref rows, (nuint)(r * stride));
                ref double margin = ref Unsafe.Add(ref m, r);
                margin = margin
                    + Unsafe.Add(ref l0, Walk(ref table, Right(row, i0, c0)))
                    + Unsafe.Add(ref l1, Walk(ref table, Right(row, i1, c1)))
                    + Unsafe.Add(ref l2, Walk(ref table, Right(row, i2, c2)))
                    + Unsafe.Add(ref l3, Walk(ref table, Right(row, i3, c3)));
            }
        }

        for (; t < treeCount; t++)
        {
            var (index, threshold) = WideNodes(t);
            ref double leaves = ref leaf[t * Slots];
            for (int r = 0; r < n; r++)
            {
                var row = Vector512.LoadUnsafe(ref rows, (nuint)(r * stride));
                Unsafe.Add(ref m, r) += Unsafe.Add(ref leaves, Walk(ref table, Right(row, index, threshold)));
            }
        }
    }

    private (Vector512<byte> Index, Vector512<sbyte> Threshold) WideNodes(int t) =>
        (Vector512.LoadUnsafe(ref nodeFeature[t * Slots]), Vector512.LoadUnsafe(ref nodeThreshold[t * Slots]).AsSByte());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Right(Vector512<byte> row, Vector512<byte> index, Vector512<sbyte> threshold) =>
        Vector512.GreaterThan(Avx512Vbmi.PermuteVar64x8(row, index).AsSByte(), threshold).ExtractMostSignificantBits();

    // AVX2: the row's 16 bytes in both halves of a 256-bit register, two shuffles and two comparisons per tree;
    // two trees per pass over the block (four would need more than the 16 vector registers).
    private void AddNarrow(byte[] binned, int n, Span<double> margins)
    {
        ref byte rows = ref MemoryMarshal.GetArrayDataReference(binned);
        ref byte table = ref MemoryMarshal.GetArrayDataReference(SubtreeLeaf);
        ref double m = ref MemoryMarshal.GetReference(margins);
        int t = 0;
        for (; t + 2 <= treeCount; t += 2)
        {
            var a = NarrowNodes(t);
            var b = NarrowNodes(t + 1);
            ref double la = ref leaf[t * Slots];
            ref double lb = ref Unsafe.Add(ref la, Slots);
            for (int r = 0; r < n; r++)
            {
                var half = Vector128.LoadUnsafe(ref rows, (nuint)(r * 16));
                var row = Vector256.Create(half, half);
                ref double margin = ref Unsafe.Add(ref m, r);
                margin = margin + Unsafe.Add(ref la, Walk(ref table, Right(row, a))) + Unsafe.Add(ref lb, Walk(ref table, Right(row, b)));
            }
        }

        for (; t < treeCount; t++)
        {
            var nodes = NarrowNodes(t);
            ref double leaves = ref leaf[t * Slots];
            for (int r = 0; r < n; r++)
            {
                var half = Vector128.LoadUnsafe(ref rows, (nuint)(r * 16));
                Unsafe.Add(ref m, r) += Unsafe.Add(ref leaves, Walk(ref table, Right(Vector256.Create(half, half), nodes)));
            }
        }
    }

    private NarrowTree NarrowNodes(int t)
    {
        ref byte feature = ref nodeFeature[t * Slots];
        ref byte threshold = ref nodeThreshold[t * Slots];
        return new NarrowTree(
            Vector256.LoadUnsafe(ref feature), Vector256.LoadUnsafe(ref feature, 32),
            Vector256.LoadUnsafe(ref threshold).AsSByte(), Vector256.LoadUnsafe(ref threshold, 32).AsSByte());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Right(Vector256<byte> row, in NarrowTree tree)
    {
        uint low = Avx2.CompareGreaterThan(Avx2.Shuffle(row, tree.IndexLow).AsSByte(), tree.ThresholdLow).ExtractMostSignificantBits();
        uint high = Avx2.CompareGreaterThan(Avx2.Shuffle(row, tree.IndexHigh).AsSByte(), tree.ThresholdHigh).ExtractMostSignificantBits();
        return low | ((ulong)high << 32);
    }

    private readonly record struct NarrowTree(Vector256<byte> IndexLow, Vector256<byte> IndexHigh, Vector256<sbyte> ThresholdLow, Vector256<sbyte> ThresholdHigh);

    // Three levels from the top bits, then three more in the depth-3 subtree reached: leaf 8 * top + bottom.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Walk(ref byte table, ulong right)
    {
        int top = Unsafe.Add(ref table, (int)right & 127);
        int bottom = Unsafe.Add(ref table, (int)(right >> (7 + (7 * top))) & 127);
        return (top << 3) + bottom;
    }

    private static int[] BuildMaskBits()
    {
        var bits = new int[Internal];
        for (int slot = 0; slot < Internal; slot++)
        {
            if (slot < 7)
            {
                bits[slot] = slot;
                continue;
            }

            // The depth-3 ancestor (heap slots 7..14) and the slot's heap index inside that ancestor's subtree.
            int level = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)slot + 1);
            int ancestor = ((slot + 1) >> (level - 3)) - 1;
            int localLevel = level - 3;
            int localPosition = (slot + 1) - ((ancestor + 1) << localLevel);
            bits[slot] = 7 + (7 * (ancestor - 7)) + (1 << localLevel) - 1 + localPosition;
        }

        return bits;
    }

    private static byte[] BuildSubtreeLeaves()
    {
        var table = new byte[128];
        for (int bits = 0; bits < 128; bits++)
        {
            int node = 0;
            for (int level = 0; level < 3; level++) node = (2 * node) + 1 + ((bits >> node) & 1);
            table[bits] = (byte)(node - 7);
        }

        return table;
    }
}

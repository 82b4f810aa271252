namespace Ensuresec.Learning.Trees;

/// <summary>
/// Grows one tree on gradient and hessian statistics with histogram split finding: per node a histogram of
/// (gradient, hessian) sums per feature bin; the smaller child's histogram is built from its rows and the larger
/// one's is the parent's minus it. Leaves are split best gain first, within the depth and leaf limits.
/// </summary>
internal sealed class TreeBuilder
{
    private const int HistogramChunk = 16_384;

    private readonly ushort[][] bins;
    private readonly ushort[] rowBins;
    private readonly int stride;
    private readonly int featureCount;
    private int[] partitionBuffer = [];
    private readonly float[][] upper;
    private readonly GbdtOptions options;
    private readonly ParallelOptions parallel;

    public TreeBuilder(ushort[][] bins, float[][] upper, GbdtOptions options)
    {
        this.bins = bins;
        featureCount = bins.Length;
        int n = bins.Length == 0 ? 0 : bins[0].Length;
        rowBins = new ushort[n * featureCount];
        // (gradient, hessian) per bin; every feature gets room for the largest bin count.
        stride = 2 * (upper.Length == 0 ? 1 : upper.Max(u => u.Length) + 1);
        for (int f = 0; f < featureCount; f++)
        {
            var column = bins[f];
            for (int r = 0; r < n; r++) rowBins[(r * featureCount) + f] = column[r];
        }
        this.upper = upper;
        this.options = options;
        parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads };
    }

    /// <summary>A tree fitted to rows[0..count) (the array is reordered), splitting only on the allowed features.</summary>
    public RegressionTree Build(float[] gradient, float[] hessian, int[] rows, int count, int[] features)
    {
        var nodes = new NodeList();
        var root = new Leaf(0, 0, count, 0) { Histogram = new double[bins.Length * stride] };
        BuildHistogram(root, rows, gradient, hessian, features);
        SumRoot(root, features);
        nodes.Add(root.G, root.H);
        FindSplit(root, features);

        int maxLeaves = options.MaxLeaves > 0 ? options.MaxLeaves : int.MaxValue;
        var open = new List<Leaf> { root };
        var all = new List<Leaf> { root };
        int leaves = 1;
        while (leaves < maxLeaves)
        {
            Leaf? best = null;
            foreach (var leaf in open)
            {
                if (leaf.Feature >= 0 && (best is null || leaf.Gain > best.Gain)) best = leaf;
            }

            if (best is null) break;
            open.Remove(best);
            best.WasSplit = true;
            var (left, right) = Split(best, rows, gradient, hessian, features, nodes);
            leaves++;
            foreach (var child in new[] { left, right })
            {
                all.Add(child);
                if (child.Depth < options.MaxDepth) FindSplit(child, features);
                if (child.Feature >= 0) open.Add(child);
                else child.Histogram = null;
            }
        }

        LastLeaves = [.. all.Where(l => !l.WasSplit).Select(l => (l.Node, l.Begin, l.End))];
        return nodes.ToTree(options);
    }

    /// <summary>After <see cref="Build"/>: each leaf's node and its rows' range in the rows array.</summary>
    public IReadOnlyList<(int Node, int Begin, int End)> LastLeaves { get; private set; } = [];

    private (Leaf Left, Leaf Right) Split(Leaf parent, int[] rows, float[] g, float[] h, int[] features, NodeList nodes)
    {
        // Stable partition of the parent's rows (bin <= split bin first), so rows stay in ascending order and
        // the histogram passes read memory forwards.
        var column = bins[parent.Feature];
        if (partitionBuffer.Length < parent.Count) partitionBuffer = new int[rows.Length];
        int i = parent.Begin, rightCount = 0;
        for (int k = parent.Begin; k < parent.End; k++)
        {
            int r = rows[k];
            if (column[r] <= parent.Bin) rows[i++] = r;
            else partitionBuffer[rightCount++] = r;
        }

        Array.Copy(partitionBuffer, 0, rows, i, rightCount);

        int leftNode = nodes.Add(parent.LeftG, parent.LeftH);
        int rightNode = nodes.Add(parent.G - parent.LeftG, parent.H - parent.LeftH);
        nodes.SetSplit(parent.Node, parent.Feature, upper[parent.Feature][parent.Bin], leftNode, rightNode);
        var left = new Leaf(leftNode, parent.Begin, i, parent.Depth + 1) { G = parent.LeftG, H = parent.LeftH };
        var right = new Leaf(rightNode, i, parent.End, parent.Depth + 1) { G = parent.G - parent.LeftG, H = parent.H - parent.LeftH };
        if (left.Depth < options.MaxDepth)
        {
            var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
            small.Histogram = new double[parent.Histogram!.Length];
            BuildHistogram(small, rows, g, h, features);
            var parentHistogram = parent.Histogram;
            foreach (int f in features)
            {
                int offset = f * stride;
                var span = parentHistogram.AsSpan(offset, stride);
                var smallSpan = small.Histogram.AsSpan(offset, stride);
                for (int k = 0; k < stride; k++) span[k] -= smallSpan[k];
            }

            large.Histogram = parentHistogram;
        }

        parent.Histogram = null;
        return (left, right);
    }

    // Rows are visited in fixed chunks, each summed into its own histogram, and the chunks are added in order:
    // the same sums in the same order on any number of threads. Bins are read row-major (one row's bins together).
    private void BuildHistogram(Leaf leaf, int[] rows, float[] g, float[] h, int[] features)
    {
        var histogram = leaf.Histogram!;
        int chunks = (leaf.Count + HistogramChunk - 1) / HistogramChunk;
        if (chunks <= 1)
        {
            AddRows(histogram, rows, leaf.Begin, leaf.End, g, h, features);
            return;
        }

        var partial = new double[chunks][];
        Parallel.For(0, chunks, parallel, c =>
        {
            var local = new double[histogram.Length];
            int from = leaf.Begin + (c * HistogramChunk);
            AddRows(local, rows, from, Math.Min(leaf.End, from + HistogramChunk), g, h, features);
            partial[c] = local;
        });
        foreach (var local in partial)
        {
            foreach (int f in features)
            {
                var target = histogram.AsSpan(f * stride, stride);
                var source = local.AsSpan(f * stride, stride);
                for (int k = 0; k < stride; k++) target[k] += source[k];
            }
        }
    }

    private void AddRows(double[] histogram, int[] rows, int from, int to, float[] g, float[] h, int[] features)
    {
        int width = featureCount;
        var binned = rowBins;
        if (features.Length == width)
        {
            for (int i = from; i < to; i++)
            {
                int r = rows[i];
                double gr = g[r], hr = h[r];
                var rowBinsSpan = binned.AsSpan(r * width, width);
                for (int f = 0; f < rowBinsSpan.Length; f++)
                {
                    int at = (f * stride) + (rowBinsSpan[f] << 1);
                    histogram[at] += gr;
                    histogram[at + 1] += hr;
                }
            }

            return;
        }

        for (int i = from; i < to; i++)
        {
            int r = rows[i];
            double gr = g[r], hr = h[r];
            int rowStart = r * width;
            foreach (int f in features)
            {
                int at = (f * stride) + (binned[rowStart + f] << 1);
                histogram[at] += gr;
                histogram[at + 1] += hr;
            }
        }
    }

    private void SumRoot(Leaf root, int[] features)
    {
        // Every feature's histogram sums to the node's totals; take the first.
        var hist = root.Histogram.AsSpan(features[0] * stride, stride);
        for (int k = 0; k < stride; k += 2)
        {
            root.G += hist[k];
            root.H += hist[k + 1];
        }
    }

    private void FindSplit(Leaf leaf, int[] features)
    {
        double lambda = options.L2, minChild = options.MinChildWeight;
        double parentScore = leaf.G * leaf.G / (leaf.H + lambda);
        double bestGain = options.MinSplitGain;
        leaf.Feature = -1;
        foreach (int f in features)
        {
            int binCount = upper[f].Length + 1;
            if (binCount < 2) continue;
            var hist = leaf.Histogram.AsSpan(f * stride, stride);
            double gl = 0, hl = 0;
            for (int b = 0; b < binCount - 1; b++)
            {
                gl += hist[2 * b];
                hl += hist[(2 * b) + 1];
                if (hl < minChild || hl <= 0) continue;
                double hr = leaf.H - hl;
                if (hr < minChild || hr <= 0) break;
                double gr = leaf.G - gl;
                double gain = 0.5 * ((gl * gl / (hl + lambda)) + (gr * gr / (hr + lambda)) - parentScore);
                if (gain > bestGain)
                {
                    bestGain = gain;
                    leaf.Feature = f;
                    leaf.Bin = b;
                    leaf.LeftG = gl;
                    leaf.LeftH = hl;
                }
            }
        }

        leaf.Gain = bestGain;
    }

    private sealed class Leaf(int node, int begin, int end, int depth)
    {
        public int Node { get; } = node;

        public int Begin { get; } = begin;

        public int End { get; } = end;

        public int Count => End - Begin;

        public int Depth { get; } = depth;

        public double[]? Histogram { get; set; }

        public bool WasSplit { get; set; }

        public double G { get; set; }

        public double H { get; set; }

        public int Feature { get; set; } = -1;

        public int Bin { get; set; }

        public double Gain { get; set; }

        public double LeftG { get; set; }

        public double LeftH { get; set; }
    }

    private sealed class NodeList
    {
        private readonly List<int> feature = [];
        private readonly List<float> threshold = [];
        private readonly List<int> left = [];
        private readonly List<int> right = [];
        private readonly List<double> g = [];
        private readonly List<double> h = [];

        public int Add(double gradient, double hessian)
        {
            feature.Add(-1);
            threshold.Add(0);
            left.Add(-1);
            right.Add(-1);
            g.Add(gradient);
            h.Add(hessian);
            return feature.Count - 1;
        }

        public void SetSplit(int node, int f, float t, int l, int r)
        {
            feature[node] = f;
            threshold[node] = t;
            left[node] = l;
            right[node] = r;
        }

        public RegressionTree ToTree(GbdtOptions options)
        {
            int n = feature.Count;
            var value = new double[n];
            for (int i = 0; i < n; i++) value[i] = -g[i] / (h[i] + options.L2) * options.LearningRate;
            return new RegressionTree([.. feature], [.. threshold], [.. left], [.. right], value, [.. h]);
        }
    }
}

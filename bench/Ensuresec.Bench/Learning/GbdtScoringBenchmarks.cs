using BenchmarkDotNet.Attributes;
using Ensuresec.Learning.Data;
using Ensuresec.Learning.Models;
using Ensuresec.Learning.Trees;

namespace Ensuresec.Bench.Learning;

/// <summary>
/// Scoring the fraud handbook's 201,295 rows with a 300-tree depth-6 gbdt (the issue-5 goal: 1,000,000 rows/s on 2
/// cores): the float tree walk (<see cref="CompiledForest"/>, the scorer before) against the byte-binned forest,
/// scoring alone (the CSV is read once in the setup). The model is ENSURESEC_GBDT_MODEL if set (e.g. the
/// protocol-2 model that bench/peers/run.sh writes), else one trained here with protocol 2's settings on all rows.
/// Rows per second = 201,295 / the mean.
/// <code>dotnet run -c Release --project bench/Ensuresec.Bench -- --filter '*GbdtScoring*'</code>
/// </summary>
public class GbdtScoringBenchmarks
{
    private GbdtModel _model = null!;
    private FeatureMatrix _rows = null!;
    private double[] _scores = [];

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string data = Path.Combine(SharedData(), "fraud-handbook", "transactions-2018-07-25-to-08-14.csv.gz");
        string[] features = ["TX_AMOUNT", "TX_DURING_WEEKEND", "TX_DURING_NIGHT",
            .. new[] { 1, 7, 30 }.SelectMany(d => new[] { $"CUSTOMER_ID_NB_TX_{d}DAY_WINDOW", $"CUSTOMER_ID_AVG_AMOUNT_{d}DAY_WINDOW" }),
            .. new[] { 1, 7, 30 }.SelectMany(d => new[] { $"TERMINAL_ID_NB_TX_{d}DAY_WINDOW", $"TERMINAL_ID_RISK_{d}DAY_WINDOW" })];
        var read = TableReader.Read(data, new TableRequest { Label = "TX_FRAUD", Features = features });
        var table = read.Table ?? throw new InvalidOperationException(read.Error!.ToString());
        _rows = table.Features;
        string? modelPath = Environment.GetEnvironmentVariable("ENSURESEC_GBDT_MODEL");
        _model = modelPath is not null
            ? (GbdtModel)(ModelFile.Read(File.ReadAllText(modelPath)).Model ?? throw new InvalidOperationException($"{modelPath}: not a model"))
            : GbdtTrainer.Train(table.Labeled(), new GbdtOptions { Trees = 300, MaxDepth = 6, LearningRate = 0.1, Threads = 2 }).Model;
        if (!_model.ScoresBinned) throw new InvalidOperationException("this processor or model cannot use the byte-binned forest");
        _scores = new double[_rows.Rows];
    }

    [Benchmark(Baseline = true)]
    public double FloatTreeWalk()
    {
        _model.ScoreAll(_rows, _scores, Threads, useBinned: false);
        return _scores[0];
    }

    [Benchmark]
    public double ByteBinnedForest()
    {
        _model.ScoreAll(_rows, _scores, Threads, useBinned: true);
        return _scores[0];
    }

    private static string SharedData()
    {
        string? root = Environment.GetEnvironmentVariable("ENSURESEC_SHARED_DATA");
        if (root is not null) return root;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(Path.Combine(candidate, "fraud-handbook"))) return candidate;
        }

        throw new InvalidOperationException("fraud-handbook data not found: set ENSURESEC_SHARED_DATA");
    }
}

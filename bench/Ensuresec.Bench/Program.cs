using BenchmarkDotNet.Running;

// Runs the BenchmarkDotNet suites: `dotnet run -c Release --project bench/Ensuresec.Bench -- --filter '*'`.
// Whole-pipeline throughput is `ensuresec bench pipeline` instead.
BenchmarkSwitcher.FromAssembly(typeof(Ensuresec.Bench.Pipeline.PipelineBenchmarks).Assembly).Run(args);

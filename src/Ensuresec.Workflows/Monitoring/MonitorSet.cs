using System.Reflection;
using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Monitoring;

/// <summary>The workflows that have a monitor section, with their properties compiled for runtime checking; built once, shared by all partitions.</summary>
internal sealed class MonitorSet
{
    /// <summary>Name of the embedded default workflow (examples/workflows/order-to-cash.wf).</summary>
    public const string DefaultResource = "order-to-cash.wf";

    private MonitorSet(IReadOnlyList<MonitoredWorkflow> workflows) => Workflows = workflows;

    public IReadOnlyList<MonitoredWorkflow> Workflows { get; }

    /// <summary>Loads the files named in the options (or the shipped default); errors name the file, line and column.</summary>
    public static MonitorSet? Load(WorkflowMonitorOptions options, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var workflows = new List<Workflow>();
        if (options.Files is null || options.Files.Count == 0)
        {
            using var stream = typeof(MonitorSet).Assembly.GetManifestResourceStream(DefaultResource)
                ?? throw new InvalidOperationException("the default workflow is not embedded");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var w = WorkflowLoader.FromBytes(memory.ToArray(), "(built-in) " + DefaultResource, out var e);
            if (w is null) throw new InvalidOperationException("the embedded workflow is invalid: " + string.Join("; ", e));
            workflows.Add(w);
        }
        else
        {
            foreach (var file in options.Files)
            {
                var w = WorkflowLoader.Load(file, out var e);
                if (w is null) problems.AddRange(e.Select(x => x.ToString()));
                else if (w.Monitor is null) problems.Add($"{file}: has no monitor section, so no event can drive it");
                else workflows.Add(w);
            }
        }

        var monitored = new List<MonitoredWorkflow>();
        foreach (var w in workflows.Where(w => w.Monitor is not null))
        {
            var properties = new List<PropertyMonitor>();
            foreach (var p in w.Properties)
            {
                var m = PropertyMonitor.Create(p);
                if (m is null) problems.Add($"{w.File}: property {p.Name} is too large to monitor");
                else properties.Add(m);
            }

            monitored.Add(new MonitoredWorkflow(w, properties));
        }

        errors = problems;
        return problems.Count == 0 ? new MonitorSet(monitored) : null;
    }

    internal static MonitorSet Of(IReadOnlyList<Workflow> workflows) =>
        new([.. workflows.Select(w => new MonitoredWorkflow(w, [.. w.Properties.Select(p => PropertyMonitor.Create(p)!)]))]);
}

internal sealed record MonitoredWorkflow(Workflow Workflow, IReadOnlyList<PropertyMonitor> Properties)
{
    public MonitorInfo Monitor => Workflow.Monitor!;
}

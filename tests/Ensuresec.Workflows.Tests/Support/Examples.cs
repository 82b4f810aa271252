using Ensuresec.Workflows.Model;

namespace Ensuresec.Workflows.Tests.Support;

/// <summary>The shipped example workflows (copied next to the test assembly) and helpers to load text.</summary>
internal static class Examples
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "examples");

    public static IEnumerable<string> Files => Directory.GetFiles(Dir, "*.wf").Order(StringComparer.Ordinal);

    public static string Text(string name) => File.ReadAllText(Path.Combine(Dir, name));

    public static Workflow Parse(string text, string file = "test.wf")
    {
        var w = WorkflowLoader.Parse(text, file, out var errors);
        if (w is null) throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        return w;
    }

    public static Workflow Load(string name) => Parse(Text(name), name);
}

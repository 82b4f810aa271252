using System.Globalization;
using System.Text;

namespace Ensuresec.Workflows.Tests.Support;

/// <summary>
/// Small random workflows in the workflow language, from a seed: a few processes with guarded transitions over
/// a few bounded variables, and properties of every shape (invariants, response, until, release, next, infinitely
/// often, eventually always), some under fairness. Text, so the parser is exercised too.
/// </summary>
internal static class RandomWorkflows
{
    public static string Generate(int seed)
    {
        var r = new Random(seed);
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"workflow random_{seed};");
        int vars = r.Next(1, 3);
        var ints = new List<(string Name, int High)>();
        for (int i = 0; i < vars; i++)
        {
            int high = r.Next(1, 4);
            ints.Add(($"x{i}", high));
            sb.AppendLine(c, $"var x{i}: 0..{high} = {r.Next(0, high + 1)};");
        }

        sb.AppendLine(c, $"var flag: bool = {(r.Next(2) == 0 ? "false" : "true")};");
        int processes = r.Next(2, 4);
        var states = new List<int>();
        for (int p = 0; p < processes; p++) states.Add(r.Next(2, 4));

        string Atom()
        {
            switch (r.Next(4))
            {
                case 0:
                    int p = r.Next(processes);
                    return $"P{p}@s{r.Next(states[p])}";
                case 1:
                    var v = ints[r.Next(ints.Count)];
                    string op = new[] { "==", "!=", "<", ">=" }[r.Next(4)];
                    return $"x{ints.IndexOf(v)} {op} {r.Next(0, v.High + 1)}";
                case 2:
                    return r.Next(2) == 0 ? "flag" : "!flag";
                default:
                    var a = ints[r.Next(ints.Count)];
                    var b = ints[r.Next(ints.Count)];
                    return $"{a.Name} <= {b.Name}";
            }
        }

        string Condition() => r.Next(3) switch
        {
            0 => Atom(),
            1 => $"({Atom()} && {Atom()})",
            _ => $"({Atom()} || {Atom()})",
        };

        for (int p = 0; p < processes; p++)
        {
            sb.AppendLine(c, $"process P{p} {{");
            sb.AppendLine(c, $"  states {string.Join(", ", Enumerable.Range(0, states[p]).Select(s => $"s{s}"))};");
            int transitions = r.Next(2, 5);
            for (int t = 0; t < transitions; t++)
            {
                int from = r.Next(states[p]);
                int to = r.Next(states[p]);
                string guard = r.Next(3) == 0 ? "" : " when " + Condition();
                string assign = "";
                if (r.Next(2) == 0)
                {
                    var v = ints[r.Next(ints.Count)];
                    string value = r.Next(4) switch
                    {
                        0 => $"{v.Name} + 1",
                        1 => $"{v.Name} - 1",
                        2 => ints[r.Next(ints.Count)].Name,
                        _ => r.Next(0, v.High + 1).ToString(c),
                    };
                    assign = $" do {v.Name} := {value}";
                    if (r.Next(3) == 0) assign += ", flag := !flag";
                }
                else if (r.Next(3) == 0)
                {
                    assign = " do flag := " + Atom();
                }

                string param = "";
                if (r.Next(5) == 0)
                {
                    var v = ints[r.Next(ints.Count)];
                    param = $"(k: 0..{v.High})";
                    assign = $" do {v.Name} := k";
                }

                sb.AppendLine(c, $"  t{t}{param}: s{from} -> s{to}{guard}{assign};");
            }

            sb.AppendLine("}");
        }

        int properties = r.Next(2, 5);
        for (int i = 0; i < properties; i++)
        {
            string formula = r.Next(9) switch
            {
                0 => $"[] ({Condition()})",
                1 => $"[] ({Atom()} -> {Atom()})",
                2 => $"<> ({Condition()})",
                3 => $"[] ({Atom()} -> <> ({Atom()}))",
                4 => $"({Atom()}) until ({Atom()})",
                5 => $"[] <> ({Atom()})",
                6 => $"<> [] ({Atom()})",
                7 => $"({Atom()}) release ({Atom()})",
                _ => $"next ({Atom()}) || [] (({Atom()}) -> next ({Atom()}))",
            };
            string fair = r.Next(2) == 0 ? " under fairness" : "";
            sb.AppendLine(c, $"property q{i}{fair}: {formula};");
        }

        return sb.ToString();
    }
}

using System.Globalization;
using System.Text;

namespace Ensuresec.Workflows.Checking;

/// <summary>
/// A scalable workflow for benchmarks: N orders, each authorised, captured (1 or 2 units), picked from a shared
/// stock, shipped, then delivered or lost and refunded. About 12^N states; the properties hold, so both checkers
/// explore everything.
/// </summary>
internal static class BenchModel
{
    public static string Generate(int orders)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(orders, 1);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"workflow bench_orders_{orders};");
        sb.AppendLine(c, $"var stock: 0..{orders} = {orders};");
        for (int i = 0; i < orders; i++) sb.AppendLine(c, $"var captured{i}: 0..2 = 0;");
        for (int i = 0; i < orders; i++)
        {
            sb.AppendLine(c, $"process Order{i} {{");
            sb.AppendLine("  states placed, authorised, captured, picked, shipped, delivered, refunded;");
            sb.AppendLine("  authorise: placed -> authorised;");
            sb.AppendLine(c, $"  capture(a: 1..2): authorised -> captured do captured{i} := a;");
            sb.AppendLine("  pick: captured -> picked when stock > 0 do stock := stock - 1;");
            sb.AppendLine("  ship: picked -> shipped;");
            sb.AppendLine("  deliver: shipped -> delivered;");
            sb.AppendLine("  lose: shipped -> refunded;");
            sb.AppendLine("}");
        }

        string safe = string.Join(" && ", Enumerable.Range(0, orders).Select(i => $"(Order{i}@shipped -> captured{i} > 0)"));
        sb.AppendLine(c, $"property ship_after_capture: [] ({safe});");
        sb.AppendLine("property captured_then_closed under fairness: [] (Order0@captured -> <> (Order0@delivered || Order0@refunded));");
        return sb.ToString();
    }
}

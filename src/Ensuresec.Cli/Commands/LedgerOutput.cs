using System.Text.Json;

namespace Ensuresec.Cli.Commands;

/// <summary>JSON and text output shared by the ledger and witness commands (JSON for machines, so base64 '+' stays unescaped).</summary>
internal static class LedgerOutput
{
    public static void Json(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }

    /// <summary>A bad-usage or bad-input error on standard error; returns exit code 2.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return ExitCodes.BadUsage;
    }
}

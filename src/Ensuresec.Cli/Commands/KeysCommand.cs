using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ensuresec.Store;
using Ensuresec.Store.Keys;

namespace Ensuresec.Cli.Commands;

/// <summary>`ensuresec keys create|list|revoke`: API keys; a key's secret is printed once and only its hash is kept.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Manage API keys (X-Api-Key header) in the data folder.");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(ListKeys());
        command.Subcommands.Add(RevokeKey());
        return command;
    }

    private static Option<string> DataOption() =>
        new("--data") { Description = "Data folder (holds ensuresec.db).", DefaultValueFactory = _ => "./ensuresec-data" };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of text." };

    private static Command CreateKey()
    {
        var role = new Option<string>("--role") { Description = "ingest (send events), read (read results) or admin (both).", Required = true };
        role.AcceptOnlyFromAmong("ingest", "read", "admin");
        var name = new Option<string>("--name") { Description = "A label to recognise the key by (e.g. the shop's host).", DefaultValueFactory = _ => "unnamed" };
        var data = DataOption();
        var json = JsonOption();
        var command = new Command("create", "Create a key. Its secret is printed once: store it now, it cannot be shown again.");
        command.Options.Add(role);
        command.Options.Add(data);
        command.Options.Add(name);
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            string keyName = pr.GetValue(name)!;
            string? problem = ApiKeyStore.ValidateName(keyName);
            if (problem is not null || !ApiRoles.TryParse(pr.GetValue(role), out var apiRole))
            {
                Console.Error.WriteLine($"--name: {problem ?? "invalid"}");
                return ExitCodes.BadUsage;
            }

            using var store = Open(pr.GetValue(data)!);
            var created = store.Keys.Create(apiRole, keyName);
            if (pr.GetValue(json))
            {
                WriteJson(w =>
                {
                    WriteInfo(w, created.Info);
                    w.WriteString("key", created.Secret);
                });
            }
            else
            {
                Console.Out.WriteLine($"id:   {created.Info.Id}");
                Console.Out.WriteLine($"role: {created.Info.Role.ToName()}");
                Console.Out.WriteLine($"key:  {created.Secret}");
                Console.Out.WriteLine("This key is shown once; only its hash is stored. Send it in the X-Api-Key header.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var data = DataOption();
        var json = JsonOption();
        var command = new Command("list", "List keys (ids, names, roles, dates; never secrets).");
        command.Options.Add(data);
        command.Options.Add(json);
        command.SetAction((ParseResult pr) =>
        {
            using var store = Open(pr.GetValue(data)!);
            var keys = store.Keys.List();
            if (pr.GetValue(json))
            {
                WriteJsonArray(keys);
                return ExitCodes.Ok;
            }

            foreach (var k in keys)
            {
                string state = k.RevokedAt is { } r ? "revoked " + r.ToString("u", CultureInfo.InvariantCulture) : "active";
                Console.Out.WriteLine($"{k.Id}  {k.Role.ToName(),-6}  {k.CreatedAt.ToString("u", CultureInfo.InvariantCulture)}  {state}  {k.Name}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var id = new Argument<string>("id") { Description = "The key's id (from keys list)." };
        var data = DataOption();
        var command = new Command("revoke", "Revoke a key; requests with it are refused from then on.");
        command.Arguments.Add(id);
        command.Options.Add(data);
        command.SetAction((ParseResult pr) =>
        {
            using var store = Open(pr.GetValue(data)!);
            if (store.Keys.Revoke(pr.GetValue(id)!))
            {
                Console.Out.WriteLine("revoked");
                return ExitCodes.Ok;
            }

            Console.Error.WriteLine("no active key with that id");
            return ExitCodes.BadUsage;
        });
        return command;
    }

    private static EnsuresecStore Open(string dataDirectory) => EnsuresecStore.Open(new StoreOptions { DataDirectory = dataDirectory });

    private static void WriteInfo(Utf8JsonWriter w, ApiKeyInfo k)
    {
        w.WriteString("id", k.Id);
        w.WriteString("name", k.Name);
        w.WriteString("role", k.Role.ToName());
        w.WriteString("created_at", k.CreatedAt);
        if (k.RevokedAt is { } r) w.WriteString("revoked_at", r);
        else w.WriteNull("revoked_at");
    }

    private static void WriteJson(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
    }

    private static void WriteJsonArray(IReadOnlyList<ApiKeyInfo> keys)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout))
        {
            w.WriteStartArray();
            foreach (var k in keys)
            {
                w.WriteStartObject();
                WriteInfo(w, k);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        stdout.WriteByte((byte)'\n');
    }
}

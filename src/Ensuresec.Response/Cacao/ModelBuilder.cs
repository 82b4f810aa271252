using System.Text.Json;

namespace Ensuresec.Response.Cacao;

/// <summary>Builds the model from parsed JSON, noting each missing or mistyped property with its path.</summary>
internal sealed class ModelBuilder(string source, List<PlaybookProblem> problems)
{
    public CacaoPlaybook? Playbook(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("", "a playbook is a JSON object");
            return null;
        }

        if (Text(root, "", "type") is { } type && type != "playbook") Error("type", $"must be 'playbook', not '{type}'");
        if (Text(root, "", "spec_version") is { } version && version != "cacao-2.0") Error("spec_version", $"must be 'cacao-2.0', not '{version}' (only CACAO 2.0 is supported)");
        string? id = Text(root, "", "id", required: true);
        string? name = Text(root, "", "name", required: true);
        string? start = Text(root, "", "workflow_start", required: true);
        var steps = new Dictionary<string, CacaoStep>(StringComparer.Ordinal);
        if (!root.TryGetProperty("workflow", out var workflow) || workflow.ValueKind != JsonValueKind.Object)
        {
            Error("workflow", "required: an object of workflow steps by id");
        }
        else
        {
            foreach (var p in workflow.EnumerateObject())
            {
                if (Step(p.Name, p.Value) is { } step) steps[p.Name] = step;
            }
        }

        if (id is null || name is null || start is null) return null;
        return new CacaoPlaybook
        {
            Id = id,
            Name = name,
            Description = Text(root, "", "description"),
            WorkflowStart = start,
            WorkflowException = Text(root, "", "workflow_exception"),
            Steps = steps,
            Agents = Definitions(root, "agent_definitions"),
            Targets = Definitions(root, "target_definitions"),
            Variables = Variables(root, "playbook_variables", ""),
        };
    }

    private CacaoStep? Step(string id, JsonElement e)
    {
        string path = "workflow." + id;
        if (e.ValueKind != JsonValueKind.Object)
        {
            Error(path, "a workflow step is an object");
            return null;
        }

        string? type = Text(e, path, "type", required: true);
        if (type is null) return null;
        var cases = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetProperty("cases", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in c.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.String) cases[p.Name] = p.Value.GetString()!;
                else Error($"{path}.cases.{p.Name}", "must be a step id");
            }
        }

        return new CacaoStep
        {
            Id = id,
            Type = type,
            Name = Text(e, path, "name"),
            OnCompletion = Text(e, path, "on_completion"),
            OnSuccess = Text(e, path, "on_success"),
            OnFailure = Text(e, path, "on_failure"),
            NextSteps = Strings(e, path, "next_steps"),
            Condition = Text(e, path, "condition"),
            OnTrue = Text(e, path, "on_true"),
            OnFalse = Text(e, path, "on_false"),
            Switch = Text(e, path, "switch"),
            Cases = cases,
            Commands = Commands(e, path),
            Agent = Text(e, path, "agent"),
            Targets = Strings(e, path, "targets"),
            OutArgs = Strings(e, path, "out_args"),
            Variables = Variables(e, "step_variables", path + "."),
            PlaybookId = Text(e, path, "playbook_id"),
            TimeoutMs = Milliseconds(e, path, "timeout"),
            DelayMs = Milliseconds(e, path, "delay"),
        };
    }

    private List<CacaoCommand> Commands(JsonElement step, string path)
    {
        var list = new List<CacaoCommand>();
        if (!step.TryGetProperty("commands", out var commands)) return list;
        if (commands.ValueKind != JsonValueKind.Array)
        {
            Error(path + ".commands", "must be an array");
            return list;
        }

        int i = 0;
        foreach (var c in commands.EnumerateArray())
        {
            string cpath = $"{path}.commands[{i++}]";
            if (c.ValueKind != JsonValueKind.Object)
            {
                Error(cpath, "a command is an object");
                continue;
            }

            string? type = Text(c, cpath, "type", required: true);
            if (type is null) continue;
            string? command = Text(c, cpath, "command") ?? Base64(c, cpath, "command_b64");
            string? content = Text(c, cpath, "content") ?? Base64(c, cpath, "content_b64");
            var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            if (c.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in h.EnumerateObject()) headers[p.Name] = Strings(h, cpath + ".headers", p.Name);
            }

            list.Add(new CacaoCommand(type, command, content, headers, Text(c, cpath, "description")));
        }

        return list;
    }

    private Dictionary<string, AgentDefinition> Definitions(JsonElement root, string property)
    {
        var result = new Dictionary<string, AgentDefinition>(StringComparer.Ordinal);
        if (!root.TryGetProperty(property, out var defs) || defs.ValueKind != JsonValueKind.Object) return result;
        foreach (var p in defs.EnumerateObject())
        {
            string path = $"{property}.{p.Name}";
            if (p.Value.ValueKind != JsonValueKind.Object)
            {
                Error(path, "must be an object");
                continue;
            }

            var emails = new List<string>();
            if (p.Value.TryGetProperty("contact", out var contact) && contact.ValueKind == JsonValueKind.Object
                && contact.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.Object)
            {
                emails.AddRange(email.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.String).Select(x => x.Value.GetString()!));
            }

            var addresses = new List<string>();
            if (p.Value.TryGetProperty("address", out var address) && address.ValueKind == JsonValueKind.Object)
            {
                foreach (var kind in address.EnumerateObject().Where(k => k.Value.ValueKind == JsonValueKind.Array))
                    addresses.AddRange(kind.Value.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!));
            }

            result[p.Name] = new AgentDefinition(Text(p.Value, path, "type", required: true) ?? "", Text(p.Value, path, "name") ?? p.Name, emails, addresses);
        }

        return result;
    }

    private Dictionary<string, CacaoVariable> Variables(JsonElement owner, string property, string prefix)
    {
        var result = new Dictionary<string, CacaoVariable>(StringComparer.Ordinal);
        if (!owner.TryGetProperty(property, out var vars) || vars.ValueKind != JsonValueKind.Object) return result;
        foreach (var p in vars.EnumerateObject())
        {
            string path = $"{prefix}{property}.{p.Name}";
            if (p.Value.ValueKind != JsonValueKind.Object)
            {
                Error(path, "a variable is an object with type and value");
                continue;
            }

            string value = p.Value.TryGetProperty("value", out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : "";
            bool external = p.Value.TryGetProperty("external", out var x) && x.ValueKind == JsonValueKind.True;
            result[p.Name] = new CacaoVariable(Text(p.Value, path, "type") ?? "string", value, external);
        }

        return result;
    }

    private string? Text(JsonElement owner, string path, string property, bool required = false)
    {
        string full = path.Length == 0 ? property : path + "." + property;
        if (!owner.TryGetProperty(property, out var value))
        {
            if (required) Error(full, "required property is missing");
            return null;
        }

        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Error(full, $"must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}");
        return null;
    }

    private List<string> Strings(JsonElement owner, string path, string property)
    {
        var list = new List<string>();
        if (!owner.TryGetProperty(property, out var value)) return list;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error($"{path}.{property}", "must be an array of strings");
            return list;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString()!);
            else Error($"{path}.{property}", "must contain only strings");
        }

        return list;
    }

    private string? Base64(JsonElement owner, string path, string property)
    {
        string? encoded = Text(owner, path, property);
        if (encoded is null) return null;
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            Error($"{path}.{property}", "is not base64");
            return null;
        }
    }

    /// <summary>A CACAO whole number of milliseconds (delay, timeout): 0 and absent mean none.</summary>
    private int? Milliseconds(JsonElement owner, string path, string property)
    {
        if (!owner.TryGetProperty(property, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long ms) || ms < 0)
        {
            Error($"{path}.{property}", "must be a whole number of milliseconds (0 or more)");
            return null;
        }

        if (ms > int.MaxValue)
        {
            Error($"{path}.{property}", $"{ms} ms is more than {int.MaxValue} ms (about 24 days)");
            return null;
        }

        return ms == 0 ? null : (int)ms;
    }

    private void Error(string path, string message) => problems.Add(new PlaybookProblem(ProblemLevel.Error, source, path, message));
}

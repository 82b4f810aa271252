using System.Text.Json.Nodes;

namespace Ensuresec.Ingest;

/// <summary>Puts values into nested JSON objects by dotted path (source.ip → {"source":{"ip":...}}).</summary>
internal static class JsonPaths
{
    /// <summary>Sets the value, creating the objects on the way; false if the path runs into a value or is already set.</summary>
    public static bool TrySet(JsonObject root, string dottedPath, JsonNode? value)
    {
        var node = root;
        int start = 0;
        while (true)
        {
            int dot = dottedPath.IndexOf('.', start);
            if (dot < 0) break;
            string segment = dottedPath[start..dot];
            if (!node.TryGetPropertyValue(segment, out var child))
            {
                child = new JsonObject();
                node[segment] = child;
            }

            if (child is not JsonObject childObject) return false;
            node = childObject;
            start = dot + 1;
        }

        string last = dottedPath[start..];
        if (node.TryGetPropertyValue(last, out var existing))
        {
            // {"a":{}} next to {"a.b":1} names the same object; anything else is a duplicate.
            return existing is JsonObject && value is JsonObject { Count: 0 };
        }

        node[last] = value;
        return true;
    }

    /// <summary>Sets the value, replacing what was there (for values we produce ourselves).</summary>
    public static void Set(JsonObject root, string dottedPath, JsonNode? value)
    {
        if (!TrySet(root, dottedPath, value))
        {
            Remove(root, dottedPath);
            TrySet(root, dottedPath, value);
        }
    }

    private static void Remove(JsonObject root, string dottedPath)
    {
        var node = root;
        string[] segments = dottedPath.Split('.');
        for (int k = 0; k < segments.Length - 1; k++)
        {
            if (node[segments[k]] is not JsonObject child)
            {
                node.Remove(segments[k]);
                return;
            }

            node = child;
        }

        node.Remove(segments[^1]);
    }
}

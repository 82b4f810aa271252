using System.Text.Json;
using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Inputs;

/// <summary>JSON bodies: every property name and every scalar value, named by its dotted path (items.0.sku).</summary>
internal static class JsonBodyReader
{
    public static bool Read(ReadOnlySpan<byte> body, int maxDepth, InputCollector into)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string>();
        var indexes = new List<int>();
        string? property = null;
        try
        {
            while (reader.Read() && !into.Full)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString() ?? string.Empty;
                        into.Add(new RequestInput(RequestPart.BodyName, Join(path, property), property, false));
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        path.Add(property ?? NextIndex(indexes));
                        indexes.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                        property = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        if (path.Count > 0) path.RemoveAt(path.Count - 1);
                        if (indexes.Count > 0) indexes.RemoveAt(indexes.Count - 1);
                        property = null;
                        break;
                    case JsonTokenType.String:
                    case JsonTokenType.Number:
                        string name = Join(path, property ?? NextIndex(indexes));
                        string value = reader.TokenType == JsonTokenType.String ? reader.GetString() ?? string.Empty : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                        into.Add(new RequestInput(RequestPart.BodyValue, name, value, false));
                        property = null;
                        break;
                    default:
                        property = null;
                        break;
                }
            }

            return true;
        }
        catch (JsonException e)
        {
            into.Problem("ES-WAF-920-BODY-JSON", "request body is not valid JSON", $"line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {e.Message}");
            return false;
        }
        catch (InvalidOperationException e)
        {
            into.Problem("ES-WAF-920-BODY-JSON", "request body is not valid JSON", e.Message);
            return false;
        }
    }

    private static string NextIndex(List<int> indexes)
    {
        if (indexes.Count == 0 || indexes[^1] < 0) return string.Empty;
        int i = indexes[^1];
        indexes[^1] = i + 1;
        return i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Join(List<string> path, string last)
    {
        if (path.Count <= 1) return last;
        return string.Join('.', path.Skip(1).Append(last));
    }
}

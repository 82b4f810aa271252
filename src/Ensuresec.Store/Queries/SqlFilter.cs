using System.Text;
using Microsoft.Data.Sqlite;

namespace Ensuresec.Store.Queries;

/// <summary>
/// Builds a WHERE clause from fixed fragments and named parameters: values never reach the SQL text.
/// </summary>
internal sealed class SqlFilter
{
    private readonly List<string> _conditions = [];
    private readonly List<(string Name, object Value)> _parameters = [];

    public void Add(string condition, params (string Name, object Value)[] parameters)
    {
        _conditions.Add(condition);
        _parameters.AddRange(parameters);
    }

    /// <summary>Matches "value" or "kind=value" against an entity table's rows for the row in <paramref name="ownerColumn"/>.</summary>
    public void AddEntity(string entity, string table, string ownerKey, string ownerColumn)
    {
        int eq = entity.IndexOf('=', StringComparison.Ordinal);
        string kind = eq > 0 ? entity[..eq] : string.Empty;
        string value = eq > 0 ? entity[(eq + 1)..] : string.Empty;
        Add(
            $"EXISTS (SELECT 1 FROM {table} x WHERE x.{ownerKey} = {ownerColumn} AND (x.value = $entity OR (x.kind = $entity_kind AND x.value = $entity_value)))",
            ("$entity", entity),
            ("$entity_kind", kind),
            ("$entity_value", value));
    }

    public string Where
    {
        get
        {
            if (_conditions.Count == 0) return string.Empty;
            var sb = new StringBuilder(" WHERE ");
            sb.AppendJoin(" AND ", _conditions);
            return sb.ToString();
        }
    }

    public void Bind(SqliteCommand cmd)
    {
        foreach (var (name, value) in _parameters) cmd.Parameters.AddWithValue(name, value);
    }
}

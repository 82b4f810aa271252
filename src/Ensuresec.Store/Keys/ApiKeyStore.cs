using System.Security.Cryptography;
using Ensuresec.Store.Schema;
using Microsoft.Data.Sqlite;

namespace Ensuresec.Store.Keys;

/// <summary>API keys: create (the secret is returned once), list, revoke, verify. Only hashes are stored.</summary>
public sealed class ApiKeyStore
{
    /// <summary>Longest key name accepted.</summary>
    public const int MaxNameLength = 100;

    private readonly SqliteDatabase _db;
    private readonly TimeProvider _time;

    internal ApiKeyStore(SqliteDatabase db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    /// <summary>Why a name is not acceptable, or null when it is (printable, 1..100 characters).</summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "the name must not be empty";
        if (name.Length > MaxNameLength) return $"the name must be at most {MaxNameLength} characters";
        foreach (char c in name)
        {
            if (char.IsControl(c)) return "the name must not contain control characters";
        }

        return null;
    }

    /// <summary>Creates a key. The returned secret is the only copy: the database keeps its SHA-256.</summary>
    public CreatedApiKey Create(ApiRole role, string name)
    {
        if (!Enum.IsDefined(role)) throw new ArgumentOutOfRangeException(nameof(role), role, null);
        string? problem = ValidateName(name);
        if (problem is not null) throw new ArgumentException(problem, nameof(name));
        var (id, key) = ApiKeyFormat.NewKey();
        var created = _time.GetUtcNow();
        _db.Write((connection, tx) =>
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO api_keys (id, name, role, hash, created_at) VALUES ($id, $name, $role, $hash, $created_at)";
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$name", name);
            cmd.Parameters.AddWithValue("$role", role.ToName());
            cmd.Parameters.AddWithValue("$hash", ApiKeyFormat.Hash(key));
            cmd.Parameters.AddWithValue("$created_at", StoreTime.Text(created));
            return cmd.ExecuteNonQuery();
        });
        return new CreatedApiKey(new ApiKeyInfo(id, name, role, created, null), key);
    }

    /// <summary>Every key, oldest first, without secrets.</summary>
    public IReadOnlyList<ApiKeyInfo> List()
    {
        using var connection = _db.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, name, role, created_at, revoked_at FROM api_keys ORDER BY created_at, id";
        var list = new List<ApiKeyInfo>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) list.Add(ReadInfo(reader));
        return list;
    }

    /// <summary>Revokes a key by id; false when no such key is active.</summary>
    public bool Revoke(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        string now = StoreTime.Text(_time.GetUtcNow());
        return _db.Write((connection, tx) =>
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "UPDATE api_keys SET revoked_at = $now WHERE id = $id AND revoked_at IS NULL";
            cmd.Parameters.AddWithValue("$now", now);
            cmd.Parameters.AddWithValue("$id", id);
            return cmd.ExecuteNonQuery();
        }) == 1;
    }

    /// <summary>
    /// The active key matching <paramref name="presented"/>, or null when it is missing, malformed, unknown,
    /// revoked or wrong. Hashes are compared in constant time.
    /// </summary>
    public ApiKeyInfo? Verify(string? presented)
    {
        string? id = ApiKeyFormat.IdOf(presented);
        if (id is null) return null;
        byte[] hash = ApiKeyFormat.Hash(presented!);
        using var connection = _db.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, name, role, created_at, revoked_at, hash FROM api_keys WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        using var reader = cmd.ExecuteReader();
        if (!reader.Read()) return null;
        var stored = (byte[])reader.GetValue(5);
        if (!CryptographicOperations.FixedTimeEquals(stored, hash)) return null;
        var info = ReadInfo(reader);
        return info.Revoked ? null : info;
    }

    private static ApiKeyInfo ReadInfo(SqliteDataReader reader)
    {
        // An unknown role in the file (edited by hand, or from a newer version) grants nothing.
        var role = ApiRoles.TryParse(reader.GetString(2), out var r) ? r : (ApiRole)0;
        return new ApiKeyInfo(
            reader.GetString(0),
            reader.GetString(1),
            role,
            StoreTime.Parse(reader.GetString(3)),
            reader.IsDBNull(4) ? null : StoreTime.Parse(reader.GetString(4)));
    }
}

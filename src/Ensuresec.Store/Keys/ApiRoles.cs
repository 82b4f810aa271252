namespace Ensuresec.Store.Keys;

/// <summary>Wire names of <see cref="ApiRole"/> and the rule of which role satisfies which.</summary>
public static class ApiRoles
{
    public static string ToName(this ApiRole role) => role switch
    {
        ApiRole.Ingest => "ingest",
        ApiRole.Read => "read",
        ApiRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>Parses "ingest", "read" or "admin" (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? text, out ApiRole role)
    {
        role = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "ingest": role = ApiRole.Ingest; return true;
            case "read": role = ApiRole.Read; return true;
            case "admin": role = ApiRole.Admin; return true;
            default: return false;
        }
    }

    /// <summary>Admin satisfies every requirement; otherwise the role must be the one required.</summary>
    public static bool Satisfies(this ApiRole held, ApiRole required) => held == ApiRole.Admin || held == required;
}

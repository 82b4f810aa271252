namespace Ensuresec.Store.Keys;

/// <summary>What an API key may do: ingest sends events, read reads results, admin does both.</summary>
public enum ApiRole
{
    Ingest = 1,
    Read = 2,
    Admin = 3,
}

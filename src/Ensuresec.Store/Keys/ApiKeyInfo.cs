namespace Ensuresec.Store.Keys;

/// <summary>What is known about a key without its secret: safe to list and to log.</summary>
public sealed record ApiKeyInfo(string Id, string Name, ApiRole Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool Revoked => RevokedAt is not null;
}

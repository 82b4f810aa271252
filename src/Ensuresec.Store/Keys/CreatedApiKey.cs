namespace Ensuresec.Store.Keys;

/// <summary>A new key: <see cref="Secret"/> is the whole key as the client sends it, shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Secret)
{
    // Keep the secret out of accidental logging of the record.
    public override string ToString() => $"CreatedApiKey {{ Info = {Info}, Secret = *** }}";
}

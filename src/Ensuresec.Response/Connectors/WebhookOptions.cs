namespace Ensuresec.Response.Connectors;

/// <summary>
/// Where http-api commands may go and the key that signs them. Playbooks name the URL; only URLs under one of
/// <see cref="AllowedUrls"/> are called, so a playbook cannot make the server reach anything else.
/// </summary>
public sealed record WebhookOptions
{
    /// <summary>URL prefixes commands may call (e.g. https://shop.example/ensuresec/). A relative command URL is resolved against the first.</summary>
    public required IReadOnlyList<string> AllowedUrls { get; init; }

    /// <summary>HMAC-SHA256 key; each request carries X-Ensuresec-Timestamp and X-Ensuresec-Signature: sha256=HEX of "timestamp.body".</summary>
    public required string Secret { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);
}

namespace Ensuresec.Response.Connectors;

/// <summary>The SMTP server e-mail commands are sent through.</summary>
public sealed record EmailOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 25;

    public required string From { get; init; }

    /// <summary>STARTTLS; off only for a relay on the same host.</summary>
    public bool UseTls { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Recipients one command may address (a customer notification goes to the affected customers only).</summary>
    public int MaxRecipients { get; init; } = 100;
}

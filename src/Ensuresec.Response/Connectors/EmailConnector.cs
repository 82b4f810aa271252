using System.Net.Mail;
using System.Text.Json;

namespace Ensuresec.Response.Connectors;

/// <summary>
/// <c>x-ensuresec-email</c> commands: content is JSON <c>{"to": [...], "subject": "...", "body": "..."}</c>,
/// sent as plain text through the configured SMTP server. Addresses and the subject are checked first
/// (no line breaks: no header injection).
/// </summary>
public sealed class EmailConnector(EmailOptions options) : ICommandConnector
{
    public string CommandType => "x-ensuresec-email";

    public async Task<CommandOutcome> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Parse(request.Command.Content) is not { } mail) return CommandOutcome.Fail("content must be JSON {\"to\": [addresses], \"subject\": text, \"body\": text}");
        if (mail.To.Count == 0 || mail.To.Count > options.MaxRecipients) return CommandOutcome.Fail($"{mail.To.Count} recipients; 1 to {options.MaxRecipients} allowed");
        if (mail.Subject.Contains('\r', StringComparison.Ordinal) || mail.Subject.Contains('\n', StringComparison.Ordinal)) return CommandOutcome.Fail("subject must be one line");
        using var message = new MailMessage { From = new MailAddress(options.From), Subject = mail.Subject, Body = mail.Body };
        foreach (string to in mail.To)
        {
            if (!MailAddress.TryCreate(to, out var address) || to.Contains('\n', StringComparison.Ordinal)) return CommandOutcome.Fail($"'{to}' is not an e-mail address");
            message.To.Add(address);
        }

        using var client = new SmtpClient(options.Host, options.Port) { EnableSsl = options.UseTls, DeliveryMethod = SmtpDeliveryMethod.Network, Timeout = (int)options.Timeout.TotalMilliseconds };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout);
        try
        {
            await client.SendMailAsync(message, limit.Token).ConfigureAwait(false);
            return CommandOutcome.Ok($"e-mail '{mail.Subject}' sent to {mail.To.Count} recipient(s) via {options.Host}:{options.Port}");
        }
        catch (Exception e) when (e is SmtpException or IOException or OperationCanceledException or InvalidOperationException)
        {
            return CommandOutcome.Fail($"e-mail via {options.Host}:{options.Port} failed: {e.Message}");
        }
    }

    private static (List<string> To, string Subject, string Body)? Parse(string? content)
    {
        if (content is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 8 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.Array) return null;
            var list = to.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            string subject = root.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            string body = root.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : "";
            return (list, subject, body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ensuresec.Response.Connectors;

/// <summary>
/// CACAO 'http-api' commands (<c>METHOD URL</c>, body in content) sent as signed webhooks. The receiver recomputes
/// HMAC-SHA256(secret, timestamp + "." + body) and rejects old timestamps. A 2xx answer is success; its body
/// becomes the step's first out_arg (capped at 64 KiB).
/// </summary>
public sealed class WebhookConnector(WebhookOptions options, HttpClient http, TimeProvider time) : ICommandConnector
{
    private const int MaxResponse = 64 * 1024;
    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "POST", "PUT", "PATCH", "DELETE" };

    public string CommandType => "http-api";

    public async Task<CommandOutcome> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string[] parts = (request.Command.Command ?? "").Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !Methods.Contains(parts[0])) return CommandOutcome.Fail($"expected 'METHOD URL', got '{request.Command.Command}'");
        if (Resolve(parts[1]) is not { } url) return CommandOutcome.Fail($"{parts[1]} is not under an allowed webhook URL (response.webhook.allowed-urls)");

        string body = request.Command.Content ?? "";
        string timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var message = new HttpRequestMessage(new HttpMethod(parts[0]), url);
        if (parts[0] != "GET") message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        foreach (var (name, values) in request.Command.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) continue;
            message.Headers.TryAddWithoutValidation(name, values);
        }

        message.Headers.TryAddWithoutValidation("X-Ensuresec-Timestamp", timestamp);
        message.Headers.TryAddWithoutValidation("X-Ensuresec-Signature", "sha256=" + Sign(options.Secret, timestamp, body));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            string answer = await ReadCapped(response, limit.Token).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? CommandOutcome.Ok($"{parts[0]} {url} -> {status}", answer)
                : CommandOutcome.Fail($"{parts[0]} {url} -> {status}: {(answer.Length <= 200 ? answer : answer[..200])}");
        }
        catch (HttpRequestException e)
        {
            return CommandOutcome.Fail($"{parts[0]} {url}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CommandOutcome.Fail($"{parts[0]} {url}: no answer within {options.Timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>The signature a receiver must find: lowercase hex of HMAC-SHA256(secret, timestamp + "." + body).</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    private Uri? Resolve(string target)
    {
        if (options.AllowedUrls.Count == 0) return null;
        if (!Uri.TryCreate(target, UriKind.Absolute, out var url))
        {
            if (!Uri.TryCreate(new Uri(options.AllowedUrls[0]), target.TrimStart('/'), out url)) return null;
        }

        if (url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.UserInfo)) return null;
        string text = url.GetLeftPart(UriPartial.Path);
        return options.AllowedUrls.Any(a => text.StartsWith(a, StringComparison.Ordinal)) && !url.AbsolutePath.Contains("/../", StringComparison.Ordinal) ? url : null;
    }

    private static async Task<string> ReadCapped(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[MaxResponse];
        int total = 0, n;
        while (total < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false)) > 0) total += n;
        return Encoding.UTF8.GetString(buffer, 0, total).Trim();
    }
}

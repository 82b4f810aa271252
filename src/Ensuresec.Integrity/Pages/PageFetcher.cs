using System.Net.Http.Headers;
using System.Text;

namespace Ensuresec.Integrity.Pages;

/// <summary>
/// Fetches a page and its external scripts with size and time limits. The scripts are downloaded to be hashed and
/// inspected as text; nothing is run (no browser, no JavaScript engine).
/// </summary>
internal sealed class PageFetcher(HttpClient http, TimeProvider time)
{
    public long MaxPageBytes { get; init; } = 5 * 1024 * 1024;
    public long MaxScriptBytes { get; init; } = 5 * 1024 * 1024;
    public int MaxScripts { get; init; } = 100;

    public async Task<(PageSnapshot Snapshot, Dictionary<string, string> ScriptTexts)> FetchAsync(Uri url, CancellationToken ct)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var (status, body, headers, error) = await GetAsync(url, MaxPageBytes, ct).ConfigureAwait(false);
        if (body is null)
        {
            return (new PageSnapshot { Url = url.AbsoluteUri, FetchedAt = time.GetUtcNow(), Status = status, Problems = [error ?? "no body"] }, texts);
        }

        string html = Encoding.UTF8.GetString(body);
        var (scripts, forms, metaCsp) = PageParser.Parse(html, url);
        string? csp = Header(headers, "Content-Security-Policy");
        string? reportOnly = Header(headers, "Content-Security-Policy-Report-Only");
        bool onlyReported = csp is null && metaCsp is null && reportOnly is not null;
        var withHashes = new List<PageScript>();
        int fetched = 0;
        foreach (var s in scripts)
        {
            if (s.Kind == "inline")
            {
                withHashes.Add(s);
                continue;
            }

            if (fetched++ >= MaxScripts || !Uri.TryCreate(s.Src, UriKind.Absolute, out var src) || src.Scheme is not ("http" or "https"))
            {
                withHashes.Add(s);
                continue;
            }

            var (_, content, _, scriptError) = await GetAsync(src, MaxScriptBytes, ct).ConfigureAwait(false);
            if (content is null)
            {
                problems.Add($"{s.Src}: {scriptError}");
                withHashes.Add(s);
                continue;
            }

            texts[s.Src!] = Encoding.UTF8.GetString(content);
            withHashes.Add(s with { Sha256 = PageParser.CspHash(content), Length = content.Length });
        }

        var snapshot = new PageSnapshot
        {
            Url = url.AbsoluteUri,
            FetchedAt = time.GetUtcNow(),
            Status = status,
            Csp = csp ?? metaCsp ?? reportOnly,
            CspReportOnly = onlyReported,
            Scripts = withHashes,
            Forms = forms,
            Problems = problems,
        };
        texts["page:" + url.AbsoluteUri] = html;
        return (snapshot, texts);
    }

    private async Task<(int Status, byte[]? Body, HttpResponseHeaders? Headers, string? Error)> GetAsync(Uri url, long maxBytes, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.UserAgent.ParseAdd("ensuresec-pages/1.0");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) return (status, null, response.Headers, $"HTTP {status}");
            if (response.Content.Headers.ContentLength > maxBytes) return (status, null, response.Headers, $"larger than {maxBytes} bytes");
            await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) return (status, null, response.Headers, $"larger than {maxBytes} bytes");
            }

            return (status, buffer.ToArray(), response.Headers, null);
        }
        catch (HttpRequestException ex)
        {
            return (0, null, null, ex.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (0, null, null, "timed out");
        }
    }

    private static string? Header(HttpResponseHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}

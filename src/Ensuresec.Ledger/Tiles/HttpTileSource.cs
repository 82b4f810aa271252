using System.Net;

namespace Ensuresec.Ledger.Tiles;

/// <summary>A tiled log read over HTTP from its prefix URL (GET prefix/checkpoint, prefix/tile/…); 404 means missing.</summary>
internal sealed class HttpTileSource(HttpClient http, Uri prefix) : ITileSource
{
    private const int MaxBytes = 17 * 1024 * 1024;
    private readonly Uri _prefix = prefix.AbsoluteUri.EndsWith('/') ? prefix : new Uri(prefix.AbsoluteUri + "/");

    public byte[]? Read(string path)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_prefix, path));
            using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            if (!response.IsSuccessStatusCode) throw new LedgerDataException($"GET {path}: HTTP {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > MaxBytes) throw new LedgerDataException($"GET {path}: larger than {MaxBytes} bytes");
            using var stream = response.Content.ReadAsStream();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                if (buffer.Length + read > MaxBytes) throw new LedgerDataException($"GET {path}: larger than {MaxBytes} bytes");
                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (HttpRequestException ex)
        {
            throw new LedgerDataException($"GET {path}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex)
        {
            throw new LedgerDataException($"GET {path}: timed out", ex);
        }
    }
}

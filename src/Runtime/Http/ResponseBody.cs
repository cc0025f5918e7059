using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>Reads a response body with an upper bound, so a hostile or broken server cannot exhaust memory.</summary>
internal static class ResponseBody
{
    public static async Task<byte[]> ReadAsync(HttpContent content, long maxLength, string appName, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared)
        {
            if (declared > maxLength) throw TooLarge(appName, maxLength);
            // The length is known and within bounds: one exact-size read, as HttpClient's own buffering would do.
            return await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        // Chunked or unknown length: count while reading.
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var body = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > maxLength) throw TooLarge(appName, maxLength);
                    body.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
            return body.ToArray();
        }
    }

    private static OAuthException TooLarge(string appName, long maxLength) =>
        new(OAuthErrorType.InvalidResponse,
            $"A response for '{appName}' is larger than MaxResponseContentLength ({maxLength} bytes); it was not read.");
}

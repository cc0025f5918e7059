using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>Reads a response body with an upper bound, so a hostile or broken server cannot exhaust memory.</summary>
internal static class ResponseBody
{
    /// <summary>The whole body as an exact-size array (an <see cref="OAuthResponse"/> keeps it).</summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, long maxLength, string appName, CancellationToken cancellationToken)
    {
        using var body = await ResponseBodyBuffer.ReadAsync(content, maxLength, appName, cancellationToken).ConfigureAwait(false);
        return body.ToArray();
    }
}

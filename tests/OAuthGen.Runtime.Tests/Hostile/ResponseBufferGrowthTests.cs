using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Runtime.Tests.Hostile;

/// <summary>The body buffer follows the bytes that arrive, not the Content-Length a server declares.</summary>
public class ResponseBufferGrowthTests
{
    private static ByteArrayContent Declaring(long declared, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.Remove("Content-Length");
        content.Headers.TryAddWithoutValidation("Content-Length", declared.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return content;
    }

    [Fact]
    public async Task A_large_declared_length_with_a_small_body_does_not_allocate_the_declared_size()
    {
        var body = new byte[21];
        Random.Shared.NextBytes(body);

        using var buffer = await ResponseBodyBuffer.ReadAsync(Declaring(16 * 1024 * 1024, body), 16 * 1024 * 1024, "app", CancellationToken.None);

        Assert.Equal(body, buffer.ToArray());
        Assert.InRange(buffer.Capacity, 21, 64 * 1024);
    }

    [Fact]
    public async Task A_body_larger_than_the_first_array_grows_to_hold_it_all()
    {
        var body = new byte[3 * 1024 * 1024 + 7];
        Random.Shared.NextBytes(body);

        using var buffer = await ResponseBodyBuffer.ReadAsync(Declaring(body.Length, body), 16 * 1024 * 1024, "app", CancellationToken.None);

        Assert.Equal(body, buffer.ToArray());
        Assert.True(buffer.Capacity >= body.Length);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_still_refused_before_reading()
    {
        var error = await Assert.ThrowsAsync<OAuthException>(async () =>
            await ResponseBodyBuffer.ReadAsync(Declaring(17 * 1024 * 1024, new byte[21]), 16 * 1024 * 1024, "app", CancellationToken.None));

        Assert.Equal(OAuthErrorType.InvalidResponse, error.Type);
    }

    [Fact]
    public async Task Thirty_two_concurrent_21_byte_responses_declaring_16_MiB_cost_kilobytes_not_megabytes()
    {
        var content = Declaring(16 * 1024 * 1024, new byte[21]);
        (await ResponseBodyBuffer.ReadAsync(content, 16 * 1024 * 1024, "app", CancellationToken.None)).Dispose();
        var buffers = new ResponseBodyBuffer[32];
        var before = GC.GetAllocatedBytesForCurrentThread();
        // All held at once, as concurrent calls hold them: the pool cannot hand one array to all of them.
        for (var i = 0; i < buffers.Length; i++) buffers[i] = await ResponseBodyBuffer.ReadAsync(content, 16 * 1024 * 1024, "app", CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        foreach (var buffer in buffers) buffer.Dispose();

        Assert.InRange(allocated, 0, 4 * 1024 * 1024);
    }
}

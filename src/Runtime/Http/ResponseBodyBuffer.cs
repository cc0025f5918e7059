using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen;

/// <summary>
/// A response body read into one pooled array, never past <see cref="RemoteAppOptions.MaxResponseContentLength"/>.
/// It is the write target of <see cref="HttpContent.CopyToAsync(Stream, CancellationToken)"/>: the content writes
/// itself in (from a socket, or from the bytes of an in-memory handler) with no intermediate stream, no
/// <see cref="Task{Stream}"/> and no copy into an exact-size array, which a typed method that only deserializes never
/// needs (docs/benchmarks.md). Disposing wipes the bytes (bodies carry tokens and personal data) and returns the array.
/// </summary>
internal sealed class ResponseBodyBuffer : Stream
{
    private const int DefaultCapacity = 4 * 1024;

    /// <summary>
    /// The largest first array a declared Content-Length may ask for. The header is the server's word, not bytes: a
    /// response that declares 16 MiB and sends 21 bytes must not cost 16 MiB (32 such at once cost 90 MiB). Larger
    /// bodies grow the buffer by doubling as their bytes arrive.
    /// </summary>
    private const int MaxInitialCapacity = 16 * 1024;

    private readonly long _maxLength;
    private readonly string _appName;
    private byte[] _buffer;
    private int _length;

    private ResponseBodyBuffer(int capacity, long maxLength, string appName)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _maxLength = maxLength;
        _appName = appName;
    }

    /// <summary>The size of the array holding the body; it follows the bytes read, not the declared length.</summary>
    internal int Capacity => _buffer.Length;

    /// <summary>The body read so far; valid until this buffer is disposed.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <summary>
    /// Reads <paramref name="content"/> whole. A declared Content-Length over the bound is refused before anything is
    /// read; an undeclared or lying one is refused as soon as the bytes pass the bound.
    /// </summary>
    /// <exception cref="OAuthException"><see cref="OAuthErrorType.InvalidResponse"/>: the body is over the bound.</exception>
    public static ValueTask<ResponseBodyBuffer> ReadAsync(HttpContent content, long maxLength, string appName, CancellationToken cancellationToken)
    {
        // The raw header, not Headers.ContentLength: that getter computes and stores a boxed length for in-memory
        // contents on every call. Servers' Content-Length arrives as the raw header this reads.
        var declared = DeclaredLength(content);
        if (declared > maxLength) throw TooLarge(appName, maxLength);
        var buffer = new ResponseBodyBuffer(declared > 0 ? (int)Math.Min(declared, MaxInitialCapacity) : DefaultCapacity, maxLength, appName);
        Task copying;
        try
        {
            copying = content.CopyToAsync(buffer, cancellationToken);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        // A body already in memory (a buffered content, an in-memory handler) is read by now: no state machine for it.
        return copying.IsCompletedSuccessfully ? new(buffer) : ReadWhenCopiedAsync(copying, buffer);
    }

    private static async ValueTask<ResponseBodyBuffer> ReadWhenCopiedAsync(Task copying, ResponseBodyBuffer buffer)
    {
        try
        {
            await copying.ConfigureAwait(false);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>An exact-size copy of the body, for an <see cref="OAuthResponse"/> that outlives this buffer.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_length + (long)buffer.Length > _maxLength) throw TooLarge(_appName, _maxLength);
        if (_length + buffer.Length > _buffer.Length) Grow(_length + buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // Writing into memory never waits, so the asynchronous overloads complete synchronously: no Task per chunk.
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        var buffer = _buffer;
        if (buffer.Length > 0)
        {
            _buffer = [];
            buffer.AsSpan(0, _length).Clear();
            _length = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
        base.Dispose(disposing);
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max((long)_buffer.Length * 2, needed), Array.MaxLength));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        _buffer.AsSpan(0, _length).Clear();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    private static long DeclaredLength(HttpContent content) =>
        content.Headers.NonValidated.TryGetValues("Content-Length", out var values) && values.Count == 1 &&
        long.TryParse(values.ToString(), out var length) && length >= 0
            ? length
            : -1;

    private static OAuthException TooLarge(string appName, long maxLength) =>
        new(OAuthErrorType.InvalidResponse,
            $"A response for '{appName}' is larger than MaxResponseContentLength ({maxLength} bytes); it was not read.");
}

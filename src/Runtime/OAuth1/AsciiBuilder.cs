using System;
using System.Buffers;
using System.Text;

namespace OAuthGen;

/// <summary>
/// A growable byte buffer from <see cref="ArrayPool{T}"/> for OAuth 1.0a signing text. Base strings, signatures and
/// header values are ASCII by construction (everything outside the unreserved set is percent-encoded), so they are
/// built as bytes: the HMAC reads them without a transcoding copy and nothing is allocated until the final string.
/// </summary>
internal ref struct AsciiBuilder
{
    private byte[] _buffer;
    private int _length;

    public AsciiBuilder(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _length = 0;
    }

    public readonly int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>The underlying array; valid until the next append (which may grow it).</summary>
    public readonly byte[] Buffer => _buffer;

    public void Append(byte value)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length) Grow(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Appends text the caller knows to be ASCII (names, digits, already-encoded values).</summary>
    public void AppendAscii(scoped ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length) Grow(text.Length);
        Ascii.FromUtf16(text, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    /// <summary>Appends <c>%XX</c> with upper-case hex digits (RFC 5849 §3.6).</summary>
    public void AppendEscaped(byte value)
    {
        if (_length + 3 > _buffer.Length) Grow(3);
        _buffer[_length] = (byte)'%';
        _buffer[_length + 1] = (byte)"0123456789ABCDEF"[value >> 4];
        _buffer[_length + 2] = (byte)"0123456789ABCDEF"[value & 0xF];
        _length += 3;
    }

    /// <summary>A span of at least <paramref name="sizeHint"/> free bytes; call <see cref="Advance"/> after writing.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        if (_length + sizeHint > _buffer.Length) Grow(sizeHint);
        return _buffer.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    /// <summary>Drops everything after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => _length = length;

    public readonly override string ToString() => Encoding.ASCII.GetString(_buffer, 0, _length);

    public void Dispose()
    {
        var buffer = _buffer;
        var written = _length;
        _buffer = [];
        _length = 0;
        // The bytes may be a signing key or a base string: wipe them before anyone else rents the array.
        buffer.AsSpan(0, written).Clear();
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        _buffer.AsSpan(0, _length).Clear();
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}

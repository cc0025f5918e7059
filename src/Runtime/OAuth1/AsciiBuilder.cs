using System;
using System.Buffers;
using System.Text;

namespace OAuthGen;

/// <summary>
/// A growable byte buffer for OAuth 1.0a signing text. Base strings, signatures and header values are ASCII by
/// construction (everything outside the unreserved set is percent-encoded), so they are built as bytes: the HMAC reads
/// them without a transcoding copy and nothing is allocated until the final string. It starts in a caller's buffer
/// (usually <see langword="stackalloc"/>, so a typical signature rents nothing) and moves to <see cref="ArrayPool{T}"/>
/// arrays only when the text outgrows it.
/// </summary>
internal ref struct AsciiBuilder
{
    private Span<byte> _buffer;
    private byte[]? _rented;
    private int _length;

    /// <summary>Starts in <paramref name="initial"/>, which the builder wipes (up to what it wrote) when it is disposed or outgrown.</summary>
    public AsciiBuilder(Span<byte> initial)
    {
        _buffer = initial;
        _rented = null;
        _length = 0;
    }

    /// <summary>Starts in a pooled array of at least <paramref name="capacity"/> bytes.</summary>
    public AsciiBuilder(int capacity)
    {
        _rented = ArrayPool<byte>.Shared.Rent(capacity);
        _buffer = _rented;
        _length = 0;
    }

    public readonly int Length => _length;

    /// <summary>The bytes written so far; valid until the next append (which may move them).</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    public void Append(byte value)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _length) Grow(bytes.Length);
        bytes.CopyTo(_buffer[_length..]);
        _length += bytes.Length;
    }

    /// <summary>Appends text the caller knows to be ASCII (names, digits, already-encoded values).</summary>
    public void AppendAscii(scoped ReadOnlySpan<char> text)
    {
        if (text.Length > _buffer.Length - _length) Grow(text.Length);
        Ascii.FromUtf16(text, _buffer[_length..], out var written);
        _length += written;
    }

    /// <summary>Appends <c>%XX</c> with upper-case hex digits (RFC 5849 §3.6).</summary>
    public void AppendEscaped(byte value)
    {
        if (_buffer.Length - _length < 3) Grow(3);
        var destination = _buffer.Slice(_length, 3);
        destination[0] = (byte)'%';
        destination[1] = (byte)"0123456789ABCDEF"[value >> 4];
        destination[2] = (byte)"0123456789ABCDEF"[value & 0xF];
        _length += 3;
    }

    /// <summary>A span of at least <paramref name="sizeHint"/> free bytes; call <see cref="Advance"/> after writing.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        if (sizeHint > _buffer.Length - _length) Grow(sizeHint);
        return _buffer[_length..];
    }

    public void Advance(int count) => _length += count;

    /// <summary>Drops everything after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => _length = length;

    public readonly override string ToString() => Encoding.ASCII.GetString(_buffer[.._length]);

    public void Dispose()
    {
        // The bytes may be a signing key or a base string: wipe them before the stack frame or the array is reused.
        _buffer[.._length].Clear();
        var rented = _rented;
        _buffer = default;
        _rented = null;
        _length = 0;
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer[.._length].CopyTo(larger);
        _buffer[.._length].Clear();
        if (_rented is not null) ArrayPool<byte>.Shared.Return(_rented);
        _rented = larger;
        _buffer = larger;
    }
}

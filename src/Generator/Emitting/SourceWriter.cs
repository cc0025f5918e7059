using System;
using System.Runtime.CompilerServices;

namespace OAuthGen.Generator.Emitting;

/// <summary>A minimal indented text writer: lines, blocks, and nothing else (no SyntaxFactory, no allocations per token).</summary>
/// <remarks>
/// The text goes into one char buffer that is reused by the next file written on the same thread, so a file costs its
/// final string and nothing else: a <c>StringBuilder</c> would allocate about as much again in chunks that are thrown
/// away (a build writes some half a million characters).
/// </remarks>
internal sealed class SourceWriter
{
    // What the last writer on this thread released; files written one after the other share it.
    [ThreadStatic] private static char[]? s_spareBuffer;

    private char[] _buffer;
    private int _length;
    private int _indent;

    public SourceWriter()
    {
        _buffer = s_spareBuffer ?? new char[16 * 1024];
        s_spareBuffer = null;
    }

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            AppendIndentation();
            Append(line);
        }
        Append('\n');
        return this;
    }

    /// <summary>
    /// An interpolated line, written part by part (<see cref="LineBuilder"/>): no string for the line, nor the array or
    /// format call that joining its parts would cost.
    /// </summary>
    public SourceWriter Line([InterpolatedStringHandlerArgument("")] ref LineBuilder line)
    {
        Append('\n');
        return this;
    }

    public SourceWriter OpenBlock(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary><see cref="OpenBlock(string)"/> for an interpolated header, written part by part.</summary>
    public SourceWriter OpenBlock([InterpolatedStringHandlerArgument("")] ref LineBuilder header)
    {
        Append('\n');
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter CloseBlock(string suffix = "")
    {
        _indent--;
        AppendIndentation();
        Append('}');
        Append(suffix);
        Append('\n');
        return this;
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Outdent()
    {
        _indent--;
        return this;
    }

    /// <summary>The text written, once: the writer hands its buffer to the next writer on this thread and is done.</summary>
    public string Complete()
    {
        var text = new string(_buffer, 0, _length);
        s_spareBuffer = _buffer;
        _buffer = [];
        _length = 0;
        return text;
    }

    private void AppendIndentation()
    {
        var width = _indent * 4;
        EnsureCapacity(width);
        _buffer.AsSpan(_length, width).Fill(' ');
        _length += width;
    }

    private void Append(char value)
    {
        EnsureCapacity(1);
        _buffer[_length++] = value;
    }

    private void Append(string value)
    {
        EnsureCapacity(value.Length);
        value.CopyTo(0, _buffer, _length, value.Length);
        _length += value.Length;
    }

    private void EnsureCapacity(int more)
    {
        if (_length + more <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }

    /// <summary>
    /// Appends an interpolated line's parts straight to the writer, indented as <see cref="Line(string)"/> indents: only
    /// when the line has text, so the indentation goes in before the first part that is not empty.
    /// </summary>
    [InterpolatedStringHandler]
    internal ref struct LineBuilder
    {
        private readonly SourceWriter _writer;
        private bool _indented;

        public LineBuilder(int literalLength, int formattedCount, SourceWriter writer)
        {
            _writer = writer;
            _indented = false;
        }

        public void AppendLiteral(string value) => Append(value);

        public void AppendFormatted(string? value) => Append(value);

        /// <summary>Any other value as string interpolation formats it (the current culture, as <c>string.Format</c>).</summary>
        public void AppendFormatted<T>(T value) => Append(value is IFormattable formattable ? formattable.ToString(null, null) : value?.ToString());

        private void Append(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (!_indented)
            {
                _writer.AppendIndentation();
                _indented = true;
            }
            _writer.Append(value!);
        }
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace OAuthGen.Generator.Emitting;

/// <summary>A minimal indented text writer: lines, blocks, and nothing else (no SyntaxFactory, no allocations per token).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>
    /// An interpolated line, written part by part (<see cref="LineBuilder"/>): no string for the line, nor the array or
    /// format call that joining its parts would cost. A build writes some half a million characters this way.
    /// </summary>
    public SourceWriter Line([InterpolatedStringHandlerArgument("")] ref LineBuilder line)
    {
        _text.Append('\n');
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
        _text.Append('\n');
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter CloseBlock(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
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

    public override string ToString() => _text.ToString();

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
                _writer._text.Append(' ', _writer._indent * 4);
                _indented = true;
            }
            _writer._text.Append(value);
        }
    }
}

using System.Text;

namespace OAuthGen.Testing.OAuth1;

/// <summary>RFC 5849 §3.6: UTF-8, then every octet outside <c>A-Z a-z 0-9 - . _ ~</c> as <c>%XX</c> in upper-case hex.</summary>
internal static class PercentEncoding
{
    public static string Encode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var octet in Encoding.UTF8.GetBytes(value))
        {
            if (octet is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                text.Append((char)octet);
            }
            else
            {
                text.Append('%').Append(octet.ToString("X2"));
            }
        }
        return text.ToString();
    }
}

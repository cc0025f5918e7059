using System.Text;

namespace OAuthGen;

/// <summary>The configuration key shapes an app's settings are read from.</summary>
public static class ConfigurationKeys
{
    /// <summary>
    /// The flask-style flat key: <c>GitHub</c> + <c>ConsumerKey</c> → <c>GITHUB_CONSUMER_KEY</c>.
    /// </summary>
    public static string FlatKey(string appKey, string propertyName)
    {
        var text = new StringBuilder(appKey.ToUpperInvariant()).Append('_');
        for (var i = 0; i < propertyName.Length; i++)
        {
            var c = propertyName[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(propertyName[i - 1])) text.Append('_');
            text.Append(char.ToUpperInvariant(c));
        }
        return text.ToString();
    }
}

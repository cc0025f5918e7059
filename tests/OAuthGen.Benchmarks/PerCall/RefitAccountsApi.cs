using System.Threading;
using System.Threading.Tasks;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>The Refit twin of <see cref="IAccountsApi"/> (Refit's own generator builds it at compile time).</summary>
/// <remarks>
/// <c>global::Refit</c>: inside namespace OAuthGen.*, a plain <c>[Get]</c> binds to OAuthGen's attribute, not Refit's,
/// whatever the usings say.
/// </remarks>
public interface IRefitAccountsApi
{
    /// <summary>GET users/{login}.</summary>
    [global::Refit.Get("/users/{login}")]
    Task<Account> GetAccountAsync(string login, CancellationToken cancellationToken = default);
}

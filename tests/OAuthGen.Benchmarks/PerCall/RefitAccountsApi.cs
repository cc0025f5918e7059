using System.Threading;
using System.Threading.Tasks;
using Refit;

namespace OAuthGen.Benchmarks.PerCall;

/// <summary>The Refit twin of <see cref="IAccountsApi"/> (Refit's own generator builds it at compile time).</summary>
public interface IRefitAccountsApi
{
    /// <summary>GET users/{login}.</summary>
    [Get("/users/{login}")]
    Task<Account> GetAccountAsync(string login, CancellationToken cancellationToken = default);
}

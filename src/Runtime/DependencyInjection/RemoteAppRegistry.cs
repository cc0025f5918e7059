using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthGen;

/// <summary>
/// Every remote app registered in one service collection, by options name: the options factory, the configuration
/// step and the validation look their app up here, and leave names of other <see cref="RemoteAppOptions"/> alone.
/// </summary>
internal sealed class RemoteAppRegistry
{
    private readonly Dictionary<string, RemoteAppRegistration> _byOptionsName = new(StringComparer.Ordinal);

    /// <summary>Problems found while composing an options object (unreadable configuration, a changed AppKey), reported
    /// by the validation of the same object.</summary>
    private readonly ConditionalWeakTable<RemoteAppOptions, List<string>> _problems = new();

    /// <summary>The registry of <paramref name="services"/>, added to it the first time.</summary>
    public static RemoteAppRegistry Of(IServiceCollection services)
    {
        if (services.FirstOrDefault(descriptor => descriptor.ServiceType == typeof(RemoteAppRegistry))?.ImplementationInstance is RemoteAppRegistry found)
        {
            return found;
        }
        var registry = new RemoteAppRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    public RemoteAppRegistration? Find(string optionsName) => _byOptionsName.GetValueOrDefault(optionsName);

    public RemoteAppRegistration? Find(Type serviceType, string? serviceKey) =>
        _byOptionsName.Values.FirstOrDefault(registration => registration.ServiceType == serviceType && registration.ServiceKey == serviceKey);

    /// <exception cref="ArgumentException">Another registration already uses the options name.</exception>
    public void Add(RemoteAppRegistration registration)
    {
        if (_byOptionsName.TryGetValue(registration.OptionsName, out var other))
        {
            var otherName = other.ServiceKey is null ? other.ServiceType.Name : $"{other.ServiceType.Name} (key '{other.ServiceKey}')";
            throw new ArgumentException(
                $"The remote app name '{registration.OptionsName}' of {registration.ServiceType.Name} is already the options name of {otherName}. " +
                "Register one of them with AddKeyedRemoteApp and another service key.");
        }
        _byOptionsName.Add(registration.OptionsName, registration);
    }

    public void AddProblem(RemoteAppOptions options, string problem) => _problems.GetOrCreateValue(options).Add(problem);

    /// <summary>The problems recorded for <paramref name="options"/>, forgotten as they are read.</summary>
    public List<string> TakeProblems(RemoteAppOptions options)
    {
        if (!_problems.TryGetValue(options, out var problems)) return [];
        _problems.Remove(options);
        return problems;
    }
}

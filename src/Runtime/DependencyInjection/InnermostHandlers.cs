using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace OAuthGen;

/// <summary>
/// The handlers that must sit innermost in named clients' pipelines, below every handler the application adds, in
/// whatever order it adds them (<c>AddHttpMessageHandler</c>, <c>AddStandardResilienceHandler</c>,
/// <c>ConfigureAdditionalHttpMessageHandlers</c>, <c>ConfigureHttpClientDefaults</c>, before or after our registration).
/// A builder filter appends them after all of a client's configuration has run, which no ordering of configuration
/// calls can do.
/// </summary>
internal sealed class InnermostHandlers
{
    private readonly Dictionary<string, Func<IServiceProvider, DelegatingHandler>> _handlers = new(StringComparer.Ordinal);

    /// <summary>Puts the handler <paramref name="create"/> makes innermost in the client <paramref name="clientName"/>
    /// (replacing one registered before for it).</summary>
    public static void Register(IServiceCollection services, string clientName, Func<IServiceProvider, DelegatingHandler> create)
    {
        var registry = services.FirstOrDefault(descriptor => descriptor.ServiceType == typeof(InnermostHandlers))?.ImplementationInstance as InnermostHandlers;
        if (registry is null)
        {
            registry = new InnermostHandlers();
            services.AddSingleton(registry);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, Filter>());
        }
        registry._handlers[clientName] = create;
    }

    private sealed class Filter(InnermostHandlers registry) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            if (builder.Name is { } name && registry._handlers.TryGetValue(name, out var create))
            {
                builder.AdditionalHandlers.Add(create(builder.Services));
            }
        };
    }
}

using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using OAuthGen.Generator.Tests.Infrastructure;

namespace OAuthGen.Generator.Tests.Execution;

/// <summary>
/// User sources plus their generated clients, compiled with warnings as errors and loaded into a collectible context.
/// The runtime assembly is shared with the test (the context falls back to the default one), so options, tokens,
/// responses and exceptions are the test's own types.
/// </summary>
public sealed class GeneratedClientAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private GeneratedClientAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    public static GeneratedClientAssembly Compile(params string[] sources)
    {
        var output = CompilationHelper.Run(CompilationHelper.CreateCompilation(sources));
        Assert.Empty(output.Diagnostics);
        Assert.Empty(output.Errors);
        using var image = new MemoryStream();
        var emitted = output.Compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("generated-clients", isCollectible: true);
        return new GeneratedClientAssembly(context, context.LoadFromStream(image));
    }

    public Type Type(string fullName) => Assembly.GetType(fullName, throwOnError: true)!;

    /// <summary>The interface's generated <c>CreateOptions()</c>.</summary>
    public RemoteAppOptions CreateOptions(string interfaceName) =>
        (RemoteAppOptions)Type(interfaceName).GetMethod("CreateOptions", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;

    /// <summary>The interface's generated <c>Create(http, options)</c>.</summary>
    public IRemoteApp Create(string interfaceName, HttpClient http, RemoteAppOptions? options) =>
        (IRemoteApp)Type(interfaceName).GetMethod("Create", [typeof(HttpClient), typeof(RemoteAppOptions)])!.Invoke(null, [http, options])!;

    /// <summary>Calls an interface method and awaits its Task or ValueTask; returns the result (null for no value).</summary>
    public static async Task<object?> CallAsync(IRemoteApp client, string interfaceName, string method, params object?[] arguments)
    {
        var type = client.GetType().GetInterfaces().Single(i => i.FullName == interfaceName);
        var info = type.GetMethod(method) ?? type.GetInterfaces().Select(i => i.GetMethod(method)).First(m => m is not null)!;
        object? awaitable;
        try
        {
            awaitable = info.Invoke(client, arguments);
        }
        catch (TargetInvocationException e)
        {
            throw e.InnerException!;
        }
        var task = awaitable switch
        {
            Task t => t,
            ValueTask v => v.AsTask(),
            _ => (Task)awaitable!.GetType().GetMethod("AsTask")!.Invoke(awaitable, null)!,
        };
        await task;
        return info.ReturnType.IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
    }

    public object New(string typeName, params object?[] arguments) => Activator.CreateInstance(Type(typeName), arguments)!;

    public static object? Property(object target, string name) => target.GetType().GetProperty(name)!.GetValue(target);

    public void Dispose() => _context.Unload();
}

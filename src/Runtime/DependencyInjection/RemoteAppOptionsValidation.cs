using Microsoft.Extensions.Options;

namespace OAuthGen;

/// <summary>
/// Validates a registered app's composed options the Microsoft.Extensions way: every failure (a missing required value
/// naming its configuration keys, an unreadable configured value, an invalid option) becomes one entry of the
/// <see cref="OptionsValidationException"/> the options system throws, when the host starts (<c>ValidateOnStart</c>) or
/// when the options are first read without a host.
/// </summary>
internal sealed class RemoteAppOptionsValidation(RemoteAppRegistry registry) : IValidateOptions<RemoteAppOptions>
{
    public ValidateOptionsResult Validate(string? name, RemoteAppOptions options)
    {
        if (name is null || registry.Find(name) is null) return ValidateOptionsResult.Skip;
        var failures = registry.TakeProblems(options);
        failures.AddRange(RequiredOptions.Problems(options));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

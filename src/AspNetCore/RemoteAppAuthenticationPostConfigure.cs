using System;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace OAuthGen.AspNetCore;

/// <summary>Fills what a scheme left unset: the Data Protection provider and the format protecting its flow cookies.</summary>
internal sealed class RemoteAppAuthenticationPostConfigure(IDataProtectionProvider dataProtection) : IPostConfigureOptions<RemoteAppAuthenticationOptions>
{
    public void PostConfigure(string? name, RemoteAppAuthenticationOptions options)
    {
        options.DataProtectionProvider ??= dataProtection;
        // One purpose per scheme: a flow cookie of one scheme cannot be replayed against another.
        options.StateDataFormat ??= new PropertiesDataFormat(
            options.DataProtectionProvider.CreateProtector("OAuthGen.AspNetCore.RemoteAppSignIn", name ?? "", "v1"));
    }
}

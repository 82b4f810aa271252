using Ensuresec.Store.Keys;

namespace Ensuresec.Server.Security;

/// <summary>Endpoint metadata: who may call it. An endpoint without it is admin-only (fail closed).</summary>
internal sealed record EndpointAccess(bool Public, ApiRole Role)
{
    public static readonly EndpointAccess Anyone = new(true, ApiRole.Admin);

    public static EndpointAccess Requires(ApiRole role) => new(false, role);
}

using Ensuresec.Server.Api;
using Ensuresec.Store;
using Ensuresec.Store.Keys;
using Microsoft.AspNetCore.Http;

namespace Ensuresec.Server.Security;

/// <summary>
/// Every request but those to public endpoints needs an X-Api-Key header naming an active key: missing or wrong
/// gives 401, a key whose role is not enough 403, too many failures from one client 429. Runs before the
/// endpoint is chosen to execute, so unknown paths also answer 401 to strangers. Keys are never logged.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, EnsuresecStore store, AuthFailureLimiter failures)
{
    public const string HeaderName = "X-Api-Key";
    public const string KeyItem = "ensuresec.api-key";

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var access = endpoint?.Metadata.GetMetadata<EndpointAccess>();
        if (access is { Public: true })
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        string client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failures.IsBlocked(client))
        {
            context.Response.Headers.RetryAfter = "60";
            await JsonResponse.Error(StatusCodes.Status429TooManyRequests, "too many failed authentications; try again later").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var values = context.Request.Headers[HeaderName];
        ApiKeyInfo? key = values.Count == 1 ? store.Keys.Verify(values[0]) : null;
        if (key is null)
        {
            failures.RecordFailure(client);
            context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
            await JsonResponse.Error(StatusCodes.Status401Unauthorized, "a valid X-Api-Key header is required").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Items[KeyItem] = key;
        if (endpoint is not null && !key.Role.Satisfies((access ?? EndpointAccess.Requires(ApiRole.Admin)).Role))
        {
            await JsonResponse.Error(StatusCodes.Status403Forbidden, "this key's role may not use this endpoint").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}

using Microsoft.Extensions.Logging;

namespace Ensuresec.Waf.AspNetCore;

/// <summary>Log messages: rule ids and scores only, never the request's values (they may hold secrets or attacker text).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "WAF {Mode}: request {RequestId} scored {Score} ({Rules})")]
    public static partial void Attack(ILogger logger, WafMode mode, string requestId, int score, string rules);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "WAF {Mode}: request {RequestId} matched Sigma rules {Rules}")]
    public static partial void Sigma(ILogger logger, WafMode mode, string requestId, string rules);
}

using System.Security.Cryptography;
using System.Text;
using Ensuresec.Core.Events;
using Ensuresec.Core.Findings;

namespace Ensuresec.Integrity.Common;

/// <summary>The one way the integrity features make a <see cref="Finding"/>: deterministic ids from what was found, not from when.</summary>
internal static class IntegrityFindings
{
    public const string FilePath = "file.path";
    public const string FileHash = "file.hash.sha256";
    public const string UrlFull = "url.full";
    public const string Package = "package.purl";
    public const string Vulnerability = "vulnerability.id";

    /// <param name="key">What makes this finding unique (a path and a hash, a package and an advisory ...).</param>
    public static Finding Create(string detector, string rule, Severity severity, double confidence, string technique, string explanation,
        string key, DateTimeOffset at, IReadOnlyList<Entity> entities) => new()
    {
        Id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', detector, rule, key)))),
        Detector = detector,
        RuleId = rule,
        Severity = severity,
        Confidence = confidence,
        Technique = technique,
        Explanation = explanation,
        FirstSeen = at,
        DetectedAt = at,
        Entities = entities,
        EvidenceEventIds = [],
        EvidenceCount = 0,
    };
}

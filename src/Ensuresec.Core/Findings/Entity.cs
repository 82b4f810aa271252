namespace Ensuresec.Core.Findings;

/// <summary>
/// An actor or asset a finding is about: kind is the ECS-style field it came from
/// (source.ip, user.name, url.path, payment.card.fingerprint, ...), value its value.
/// Incidents join findings that share an entity.
/// </summary>
public readonly record struct Entity(string Kind, string Value)
{
    public override string ToString() => $"{Kind}={Value}";

    public static Entity Ip(string ip) => new(EntityKinds.SourceIp, ip);
    public static Entity User(string name) => new(EntityKinds.UserName, name);
    public static Entity Url(string path) => new(EntityKinds.UrlPath, path);
    public static Entity Card(string fingerprint) => new(EntityKinds.Card, fingerprint);
}

/// <summary>The entity kinds used by the detectors of the platform spine.</summary>
public static class EntityKinds
{
    public const string SourceIp = "source.ip";
    public const string UserName = "user.name";
    public const string UrlPath = "url.path";
    public const string Card = "payment.card.fingerprint";

    /// <summary>Actors are who acts (an address, an account); the rest are assets.</summary>
    public static bool IsActor(string kind) => kind is SourceIp or UserName;
}

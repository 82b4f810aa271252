namespace Ensuresec.Detection.Common;

/// <summary>A login attempt read from an application event or from an access-log line.</summary>
internal readonly record struct Login(bool Failed, string? User, bool FromAccessLog);

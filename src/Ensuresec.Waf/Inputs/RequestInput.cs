using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Inputs;

/// <summary>One value the detectors inspect: where it was, its name and the raw text.</summary>
/// <param name="UrlEncoded">'+' means a space (query strings and forms).</param>
internal readonly record struct RequestInput(RequestPart Part, string Name, string Value, bool UrlEncoded);

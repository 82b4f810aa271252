namespace Ensuresec.Waf.Inputs;

/// <summary>Why a body could not be read as its content type says (reported as a protocol finding).</summary>
internal readonly record struct BodyProblem(string RuleId, string Message, string Evidence);

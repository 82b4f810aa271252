namespace Ensuresec.Response.Cacao;

/// <summary>A CACAO variable (section 10.18): referenced in commands as <c>__name__:value</c>.</summary>
public sealed record CacaoVariable(string Type, string Value, bool External);

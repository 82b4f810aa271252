namespace Ensuresec.Waf.Normalization;

/// <summary>A value after normalisation: <see cref="Decoded"/> keeps the case, <see cref="Lower"/> is its lower-case form.</summary>
internal readonly record struct NormalizedValue(string Decoded, string Lower, NormalizationFlags Flags);

namespace Ensuresec.Waf.Normalization;

/// <summary>Encoding tricks seen while normalising a value; the protocol checks report them.</summary>
[Flags]
internal enum NormalizationFlags
{
    None = 0,
    InvalidPercent = 1,
    MultipleEncoding = 2,
    NullByte = 4,
    FullWidthPercentU = 8,
    OverlongUtf8 = 16,
    PercentU = 32,
    HtmlEntity = 64,
    ControlChar = 128,
    NonAscii = 256,
    InvalidUtf8 = 512,
}

namespace Ensuresec.Waf.Detectors.Sql;

/// <summary>What a bare word means to SQL.</summary>
[Flags]
internal enum SqlWord
{
    None = 0,
    Logic = 1,
    Statement = 2,
    Clause = 4,
    Function = 8,
    DangerousFunction = 16,
    Comparison = 32,
    Literal = 64,
    Type = 128,
}

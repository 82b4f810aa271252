namespace Ensuresec.Learning.Data;

/// <summary>Why a data file cannot be used: the file, the line (1-based, 0 when not about one line), the column if any.</summary>
public sealed record DataError(string File, long Line, string? Column, string Message)
{
    public override string ToString() =>
        $"{File}{(Line > 0 ? $":{Line}" : "")}: {(Column is null ? "" : $"column '{Column}': ")}{Message}";
}

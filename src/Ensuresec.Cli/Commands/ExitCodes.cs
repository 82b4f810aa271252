namespace Ensuresec.Cli.Commands;

/// <summary>The CLI's exit codes, a contract with scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Findings at or above --fail-on.</summary>
    public const int FindingsAtOrAbove = 1;

    /// <summary>Bad usage or bad input.</summary>
    public const int BadUsage = 2;
}

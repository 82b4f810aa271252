namespace Ensuresec.Ledger.Tiles;

/// <summary>
/// Stored or fetched log data is missing or malformed (a tile of the wrong length, a bundle that does not parse).
/// Thrown deep inside tree walks and turned into an error message at the API boundary.
/// </summary>
public sealed class LedgerDataException : Exception
{
    public LedgerDataException(string message) : base(message)
    {
    }

    public LedgerDataException()
    {
    }

    public LedgerDataException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

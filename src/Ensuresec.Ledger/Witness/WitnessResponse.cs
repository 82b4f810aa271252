namespace Ensuresec.Ledger.Witness;

/// <summary>What the witness answers: an HTTP status, a content type and a body.</summary>
internal sealed record WitnessResponse(int Status, string ContentType, string Body)
{
    public static WitnessResponse Text(int status, string body) => new(status, "text/plain; charset=utf-8", body);
}

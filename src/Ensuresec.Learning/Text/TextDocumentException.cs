namespace Ensuresec.Learning.Text;

/// <summary>A text that cannot be turned into a vector (empty, too long, no words); <see cref="Position"/> is its index, −1 for a single text.</summary>
public sealed class TextDocumentException(int position, string message) : ArgumentException(message)
{
    public int Position { get; } = position;

    /// <summary>Runs a parallel loop, throwing the bad text with the lowest position instead of the loop's AggregateException.</summary>
    internal static void Rethrow(Action loop)
    {
        try
        {
            loop();
        }
        catch (AggregateException ex) when (Find(ex) is { } first)
        {
            throw first;
        }
    }

    /// <summary>The first <see cref="TextDocumentException"/> inside <paramref name="error"/> (parallel loops wrap them), or null.</summary>
    public static TextDocumentException? Find(Exception error) => error switch
    {
        TextDocumentException t => t,
        AggregateException a => a.Flatten().InnerExceptions.OfType<TextDocumentException>().OrderBy(t => t.Position).FirstOrDefault(),
        _ => null,
    };
}

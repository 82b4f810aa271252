using Ensuresec.Ledger.Checkpoints;

namespace Ensuresec.Ledger.Tests.Notes;

public sealed class CheckpointTests
{
    [Fact]
    public void Format_IsByteExactForEveryVector()
    {
        foreach (var v in NoteVectors.Root.GetProperty("checkpointText").EnumerateArray())
        {
            new Checkpoint(v.GetProperty("origin").GetString()!, v.GetProperty("size").GetUInt64(), Convert.FromBase64String(v.GetProperty("rootHashB64").GetString()!))
                .Format().ShouldBe(v.GetProperty("wantText").GetString());
        }
    }

    [Fact]
    public void Parse_EveryVectorIsAcceptedOrRejectedAsListed()
    {
        foreach (var v in NoteVectors.Root.GetProperty("checkpointParse").EnumerateArray())
        {
            var parsed = Checkpoint.Parse(v.GetProperty("text").GetString()!);
            parsed.Ok.ShouldBe(v.GetProperty("ok").GetBoolean(), v.GetProperty("text").GetString());
            if (parsed.Ok) parsed.Value.Extensions.ShouldBe(v.GetProperty("wantRest").GetString());
            else parsed.Error.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Theory]
    [InlineData("Log\n01\nAAAA\n")]
    [InlineData("Log\n18446744073709551616\nAAAA\n")]
    [InlineData("Log\n+1\nAAAA\n")]
    [InlineData("Log\n 1\nAAAA\n")]
    [InlineData("Log\n1\nAA AA\n")]
    public void Parse_SizesAndHashesOutsideTheGrammar_AreRejected(string text) => Checkpoint.Parse(text).Ok.ShouldBeFalse();

    [Fact]
    public void Parse_LargestSize_IsAccepted() => Checkpoint.Parse("Log\n18446744073709551615\nAAAA\n").Value!.Size.ShouldBe(ulong.MaxValue);
}

using System.Text;
using System.Text.Json;
using Ensuresec.Ledger.Notes;

namespace Ensuresec.Ledger.Tests.Notes;

public sealed class SignedNoteTests
{
    [Fact]
    public void Keys_EverySignerKeyDerivesItsVerifierKey()
    {
        foreach (var k in NoteVectors.Root.GetProperty("keys").EnumerateArray())
        {
            var signer = Ed25519Signer.Parse(k.GetProperty("skey").GetString()!);
            signer.Ok.ShouldBeTrue(signer.Error);
            signer.Value.VerifierKey.ShouldBe(k.GetProperty("vkey").GetString());
            signer.Value.PrivateKey.ShouldBe(k.GetProperty("skey").GetString());
            VerifierKeys.Parse(k.GetProperty("vkey").GetString()!).Ok.ShouldBeTrue();
        }
    }

    [Fact]
    public void Sign_ProducesTheByteIdenticalNotesOfTheVectors()
    {
        foreach (var v in NoteVectors.Root.GetProperty("signing").EnumerateArray())
        {
            var signers = NoteVectors.Strings(v.GetProperty("skeys")).Select(s => (INoteSigner)Ed25519Signer.Parse(s).Value!).ToList();
            string note;
            if (v.TryGetProperty("inputNote", out var input))
            {
                var opened = SignedNote.Open(input.GetString()!, NoteVectors.Verifiers(v.GetProperty("vkeysForOpen")));
                opened.Ok.ShouldBeTrue(opened.Error);
                note = SignedNote.Sign(opened.Value.Text, signers, [.. opened.Value.Verified, .. opened.Value.Unverified]);
            }
            else
            {
                note = SignedNote.Sign(v.GetProperty("text").GetString()!, signers);
            }

            Encoding.UTF8.GetBytes(note).ShouldBe(Encoding.UTF8.GetBytes(v.GetProperty("wantNote").GetString()!), v.GetProperty("desc").GetString());
        }
    }

    [Fact]
    public void Open_EveryVerificationVectorGivesItsVerdict()
    {
        foreach (var v in NoteVectors.Root.GetProperty("verification").EnumerateArray())
        {
            string desc = v.GetProperty("desc").GetString()!;
            string note = v.TryGetProperty("note", out var n)
                ? n.GetString()!
                : v.GetProperty("text").GetString()! + "\n" + string.Concat(Enumerable.Repeat(v.GetProperty("sigLine").GetString()!, v.GetProperty("repeat").GetInt32()));
            var opened = SignedNote.Open(note, NoteVectors.Verifiers(v.GetProperty("vkeys")));
            var wantError = v.TryGetProperty("wantError", out var we) && we.ValueKind == JsonValueKind.String ? we.GetString() : null;
            if (wantError is not null)
            {
                if (v.TryGetProperty("expectedOrigin", out var origin))
                {
                    // The note itself is fine; the checkpoint inside belongs to another log.
                    opened.Ok.ShouldBeTrue(desc);
                    Ledger.Checkpoints.Checkpoint.Parse(opened.Value.Text).Value!.Origin.ShouldNotBe(origin.GetString(), desc);
                    continue;
                }

                opened.Ok.ShouldBeFalse(desc);
                if (!wantError.Contains('/', StringComparison.Ordinal)) opened.Error.ShouldStartWith(wantError, Case.Sensitive, desc);
                continue;
            }

            opened.Ok.ShouldBeTrue($"{desc}: {opened.Error}");
            if (!v.TryGetProperty("want", out var want) || want.ValueKind != JsonValueKind.Object) continue;
            if (want.TryGetProperty("text", out var text)) opened.Value.Text.ShouldBe(text.GetString());
            if (want.TryGetProperty("verifiedSigs", out var sigs) && sigs.ValueKind == JsonValueKind.Array)
            {
                // The rome vector lists the name with part of the key after it; the name and key ID are what identify it.
                opened.Value.Verified.Select(s => s.KeyLabel).ShouldBe(NoteVectors.Strings(sigs).Select(s => string.Join('+', s.Split('+').Take(2))), desc);
            }

            if (want.TryGetProperty("unverifiedSigs", out var un)) opened.Value.Unverified.Select(s => s.KeyLabel).ShouldBe(NoteVectors.Strings(un), desc);
            if (v.TryGetProperty("signatureLines", out var lines))
            {
                int verifiedCount = lines.EnumerateArray().Count(l => l.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True);
                opened.Value.Verified.Count.ShouldBe(verifiedCount, desc);
            }
        }
    }

    [Fact]
    public void Open_EveryMalformedNoteIsRejected()
    {
        foreach (var v in NoteVectors.Root.GetProperty("malformedNotes").EnumerateArray())
        {
            string note = v.GetProperty("note").GetString()!;
            var verifiers = NoteVectors.Verifiers(v.GetProperty("vkeys"));
            Parsed<OpenedNote> opened;
            if (note.StartsWith("\uFFFD(0xff byte)", StringComparison.Ordinal))
            {
                var bytes = new byte[] { 0xFF }.Concat(Encoding.UTF8.GetBytes(note["\uFFFD(0xff byte)".Length..])).ToArray();
                opened = SignedNote.Open(bytes, verifiers);
            }
            else
            {
                opened = SignedNote.Open(note, verifiers);
            }

            opened.Ok.ShouldBeFalse(note);
            opened.Error.ShouldStartWith("malformed note");
        }
    }

    [Fact]
    public void ParseVerifierKey_EveryBadKeyIsRejected()
    {
        foreach (var v in NoteVectors.Root.GetProperty("badVerifierKeys").EnumerateArray())
        {
            if (v.TryGetProperty("vkey", out var vkey))
            {
                VerifierKeys.Parse(vkey.GetString()!).Ok.ShouldBeFalse(v.GetProperty("why").GetString());
                continue;
            }

            string valid = v.GetProperty("validVkey").GetString()!;
            VerifierKeys.Parse(valid).Ok.ShouldBeTrue();
            for (int start = 0; start < valid.Length; start++)
            {
                for (int end = start + 1; end <= valid.Length; end++)
                {
                    if (end - start == valid.Length) continue;
                    VerifierKeys.Parse(valid[start..end]).Ok.ShouldBeFalse(valid[start..end]);
                }
            }

            for (int i = 0; i < valid.Length; i++)
            {
                var chars = valid.ToCharArray();
                chars[i]++;
                VerifierKeys.Parse(new string(chars)).Ok.ShouldBeFalse(new string(chars));
            }
        }
    }

    [Fact]
    public void VerifierKeyDerivation_MatchesTheVectors()
    {
        foreach (var v in NoteVectors.Root.GetProperty("verifierKeyDerivation").EnumerateArray())
        {
            if (v.TryGetProperty("url", out var url))
            {
                Rfc6962Verifier.VerifierKeyFor(url.GetString()!, Convert.FromBase64String(v.GetProperty("spkiB64").GetString()!)).ShouldBe(v.GetProperty("wantVkey").GetString());
            }
            else
            {
                VerifierKeys.Parse(v.GetProperty("vkey").GetString()!).Ok.ShouldBeTrue(v.GetProperty("desc").GetString());
            }
        }
    }

    [Fact]
    public void Rfc6962TreeHead_MatchesTheSerializationVector()
    {
        var kat = NoteVectors.Root.GetProperty("rfc6962STH")[1];
        Convert.ToHexStringLower(Rfc6962Verifier.TreeHeadInput(2345, 6, "imustbeexactlythirtytwobyteslong"u8)).ShouldBe(kat.GetProperty("wantHex").GetString());
        var sth = NoteVectors.Root.GetProperty("rfc6962STH")[0];
        Convert.ToHexStringLower(Rfc6962Verifier.TreeHeadInput(sth.GetProperty("timestamp").GetUInt64(), 42, Convert.FromHexString(sth.GetProperty("rootHashHex").GetString()!)))
            .ShouldBe(sth.GetProperty("signedInputHex").GetString());
    }

    [Fact]
    public void Cosigner_SignatureVerifiesWithItsVkeyAndNotAsAPlainSignature()
    {
        var signer = Ed25519Signer.Generate("witness.example/w1").AsCosigner(new FixedClock(1_700_000_000));
        string note = SignedNote.Sign("example.com/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", [signer]);
        var vkey = VerifierKeys.Parse(signer.VerifierKey);
        vkey.Ok.ShouldBeTrue();
        var opened = SignedNote.Open(note, [vkey.Value]);
        opened.Ok.ShouldBeTrue(opened.Error);
        CosignatureVerifier.Timestamp(opened.Value.Verified[0].Signature).ShouldBe(1_700_000_000UL);
        var tampered = note.Replace("\n3\n", "\n4\n", StringComparison.Ordinal);
        SignedNote.Open(tampered, [vkey.Value]).Error.ShouldStartWith("invalid signature");
    }

    [Fact]
    public void Open_HostileInputs_ClearErrorsNeverExceptions()
    {
        var verifiers = NoteVectors.Verifiers(NoteVectors.Root.GetProperty("keys")[0].GetProperty("vkey").ValueKind == JsonValueKind.String
            ? JsonDocument.Parse("[\"" + NoteVectors.Root.GetProperty("keys")[0].GetProperty("vkey").GetString() + "\"]").RootElement
            : default);
        foreach (string bad in new[] { "", "\n", "\n\n", "x\n\n\u2014 \n", "x\n\n\u2014 a \n", "x\n\n\u2014 a AAAA\n", new string('a', 2_000_000), "x\n\n\u2014 a\u0000b AAAAAAAA\n" })
        {
            var opened = SignedNote.Open(bad, verifiers);
            opened.Ok.ShouldBeFalse();
            opened.Error.ShouldNotBeNullOrEmpty();
        }
    }
}

internal sealed class FixedClock(long unixSeconds) : TimeProvider
{
    public long Seconds { get; set; } = unixSeconds;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Seconds);
}

namespace Ensuresec.Ledger.Notes;

/// <summary>One signature line of a note: the key name, the key ID and the signature bytes after the ID.</summary>
internal sealed record NoteSignature(string Name, uint KeyId, byte[] Signature)
{
    /// <summary>"name+hex(id)", how people refer to a key.</summary>
    public string KeyLabel => Name + "+" + KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The line as written in a note, with its final newline.</summary>
    public string Line
    {
        get
        {
            var bytes = new byte[4 + Signature.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
            Signature.CopyTo(bytes, 4);
            return "\u2014 " + Name + " " + Convert.ToBase64String(bytes) + "\n";
        }
    }
}

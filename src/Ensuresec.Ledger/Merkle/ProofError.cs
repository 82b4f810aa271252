namespace Ensuresec.Ledger.Merkle;

/// <summary>Why a proof was refused; checked inputs come first, so a bad request never reaches the hashing.</summary>
internal enum ProofErrorKind
{
    /// <summary>The leaf index is not below the tree size, or the sizes are out of order.</summary>
    IndexOutOfRange,

    /// <summary>A hash (leaf, root or proof element) is not 32 bytes.</summary>
    BadHashLength,

    /// <summary>The proof has more or fewer hashes than the sizes require.</summary>
    WrongProofLength,

    /// <summary>The proof is well formed but does not lead to the expected root.</summary>
    RootMismatch,

    /// <summary>A proof from the empty tree: it proves nothing, so it is refused.</summary>
    EmptyTree,

    /// <summary>[start, end) is not a subtree of the Merkle Tree Certificates draft (start after end, or not a multiple of BIT_CEIL(end - start)).</summary>
    InvalidSubtree,
}

/// <summary>A refused proof: what kind of failure and a sentence for people.</summary>
internal sealed record ProofError(ProofErrorKind Kind, string Message)
{
    public override string ToString() => Message;
}

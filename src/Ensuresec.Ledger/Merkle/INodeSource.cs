namespace Ensuresec.Ledger.Merkle;

/// <summary>Hashes of perfect subtrees: the node at <c>height</c> and <c>index</c> covers leaves [index·2^height, (index+1)·2^height).</summary>
internal interface INodeSource
{
    /// <summary>The node's hash; only asked for nodes inside the tree the source was opened for.</summary>
    byte[] Node(int height, ulong index);
}

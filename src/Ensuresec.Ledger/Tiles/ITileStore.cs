namespace Ensuresec.Ledger.Tiles;

/// <summary>Where a log keeps its files. Writes are durable when they return; each file is replaced atomically.</summary>
internal interface ITileStore : ITileSource
{
    /// <summary>Writes every file (path relative to the log) durably; a crash leaves each file old or new, never torn.</summary>
    void WriteAll(IReadOnlyCollection<KeyValuePair<string, byte[]>> files);

    /// <summary>
    /// Writes every file so that each is replaced atomically and survives the death of the process, but reaches the
    /// disk only by <see cref="SyncAll"/> (the log's write-ahead segments carry the durability meanwhile).
    /// </summary>
    void WriteCached(IReadOnlyCollection<KeyValuePair<string, byte[]>> files);

    /// <summary>
    /// Writes files that no checkpoint written so far covers (a reader never looks at them yet), without the
    /// temporary name: a crash may leave one torn, which the next open replays or removes. A folder then creates one
    /// inode per file and frees none (freed inodes make later creations slow on some file systems).
    /// </summary>
    void WriteNew(IReadOnlyCollection<KeyValuePair<string, byte[]>> files) => WriteCached(files);

    /// <summary>Removes a folder of superseded files; a folder may keep them to reuse for later files (see <see cref="SpareFiles"/>).</summary>
    void Retire(string folder) => Delete(folder);

    /// <summary>Replaces one small file that is rewritten again and again (a checkpoint) atomically, as <see cref="WriteCached"/> does.</summary>
    void Replace(string path, byte[] bytes) => WriteCached([new(path, bytes)]);

    /// <summary>Flushes every file written or deleted so far to disk.</summary>
    void SyncAll();

    /// <summary>Deletes a file or a folder with its contents; missing is fine. Durable after <see cref="SyncAll"/>.</summary>
    void Delete(string path);

    bool Exists(string path);

    /// <summary>The names in a folder (empty when it does not exist).</summary>
    IReadOnlyList<string> List(string folder);
}

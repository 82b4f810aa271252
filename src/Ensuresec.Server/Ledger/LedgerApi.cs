using System.Globalization;
using System.Text.Json;
using Ensuresec.Ledger.Log;
using Ensuresec.Ledger.Tiles;
using Ensuresec.Server.Api;
using Ensuresec.Server.Security;
using Ensuresec.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ensuresec.Server.Ledger;

/// <summary>
/// The ledger over HTTP. Public and read-only: /ledger/checkpoint and /ledger/tile/… (the C2SP tlog-tiles paths, so
/// any tlog client can read the log), inclusion and consistency proofs, and the lookup of a record id. Appending a
/// record (a response action) needs an admin key.
/// </summary>
internal static class LedgerApi
{
    public const string Prefix = "/ledger";

    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        app.MapGet(Prefix + "/checkpoint", Checkpoint).WithMetadata(EndpointAccess.Anyone)
            .WithSummary("The published checkpoint (C2SP tlog-checkpoint signed note)");
        app.MapGet(Prefix + "/tile/{**path}", Tile).WithMetadata(EndpointAccess.Anyone)
            .WithSummary("Hash tiles and entry bundles (C2SP tlog-tiles paths)");
        api.MapGet("/ledger/proof/inclusion", Inclusion).WithMetadata(EndpointAccess.Anyone)
            .WithSummary("Inclusion proof of entry ?index= in the tree of ?size= (default: the published checkpoint)");
        api.MapGet("/ledger/proof/consistency", Consistency).WithMetadata(EndpointAccess.Anyone)
            .WithSummary("Consistency proof from tree ?old= to tree ?size= (default: the published checkpoint)");
        api.MapGet("/ledger/lookup/{id}", Lookup).WithMetadata(EndpointAccess.Anyone)
            .WithSummary("Leaf indices and inclusion proofs of a finding, incident or record id");
        api.MapPost("/ledger/records", Append).WithMetadata(EndpointAccess.Requires(ApiRole.Admin))
            .WithSummary("Append a record (JSON object with string type and id); stored in RFC 8785 canonical form. Role: admin.");
    }

    private static IResult Checkpoint(EvidenceLedger ledger, HttpContext context)
    {
        var bytes = ledger.Folder.Store.Read(TilePaths.CheckpointPath);
        if (bytes is null) return JsonResponse.Error(StatusCodes.Status404NotFound, "no checkpoint published yet");
        context.Response.Headers.CacheControl = "no-cache, max-age=5";
        return Results.Bytes(bytes, "text/plain; charset=utf-8");
    }

    private static IResult Tile(EvidenceLedger ledger, HttpContext context, string path)
    {
        var tile = TilePaths.Parse("tile/" + path);
        if (!tile.Ok) return JsonResponse.Error(StatusCodes.Status404NotFound, "not a tile path");

        // Only what a published checkpoint covers is served (tiles of newer, unpublished sizes are not yet public).
        var published = ledger.Folder.Published();
        if (!published.Ok || !IsCovered(tile.Value, published.Value.Checkpoint.Size)) return JsonResponse.Error(StatusCodes.Status404NotFound, "no such tile");
        var bytes = ledger.Folder.Store.Read(tile.Value.Path);
        if (bytes is null) return JsonResponse.Error(StatusCodes.Status404NotFound, "no such tile");
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Bytes(bytes, "application/octet-stream");
    }

    private static IResult Inclusion(EvidenceLedger ledger, string? index, string? size)
    {
        if (!ulong.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out ulong leaf)) return JsonResponse.Error(StatusCodes.Status400BadRequest, "index: a non-negative integer is required");
        var tree = TreeFor(ledger, size);
        if (tree.Error is not null) return tree.Error;
        var proof = LedgerChecks.Prove(ledger.Folder.Store, leaf, tree.Size, tree.Root);
        if (!proof.Ok) return JsonResponse.Error(StatusCodes.Status400BadRequest, proof.Error);
        return JsonResponse.Create(200, w => WriteInclusion(w, proof.Value, tree.Note));
    }

    private static IResult Consistency(EvidenceLedger ledger, string? old, string? size)
    {
        if (!ulong.TryParse(old, NumberStyles.None, CultureInfo.InvariantCulture, out ulong oldSize)) return JsonResponse.Error(StatusCodes.Status400BadRequest, "old: a non-negative integer is required");
        var tree = TreeFor(ledger, size);
        if (tree.Error is not null) return tree.Error;
        if (oldSize > tree.Size) return JsonResponse.Error(StatusCodes.Status400BadRequest, $"old {oldSize} is beyond the tree size {tree.Size}");
        List<byte[]> proof;
        byte[] oldRoot;
        try
        {
            proof = new TileTree(ledger.Folder.Store, tree.Size).Consistency(oldSize);
            oldRoot = new TileTree(ledger.Folder.Store, oldSize).Root();
        }
        catch (LedgerDataException ex)
        {
            return JsonResponse.Error(StatusCodes.Status500InternalServerError, ex.Message);
        }

        return JsonResponse.Create(200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("old", oldSize);
            w.WriteString("old_root", Convert.ToBase64String(oldRoot));
            w.WriteNumber("size", tree.Size);
            w.WriteString("root", Convert.ToBase64String(tree.Root));
            w.WriteStartArray("proof");
            foreach (var h in proof) w.WriteStringValue(Convert.ToBase64String(h));
            w.WriteEndArray();
            if (tree.Note is not null) w.WriteString("checkpoint", tree.Note);
            w.WriteEndObject();
        });
    }

    private static IResult Lookup(EvidenceLedger ledger, string id)
    {
        var records = ledger.Lookup(id);
        if (records.Count == 0) return JsonResponse.Error(StatusCodes.Status404NotFound, "this id is not in the ledger");
        var tree = TreeFor(ledger, null);
        return JsonResponse.Create(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            if (tree.Error is null) w.WriteNumber("published_size", tree.Size);
            w.WriteStartArray("entries");
            foreach (var r in records)
            {
                w.WriteStartObject();
                w.WriteString("type", r.Type);
                w.WriteNumber("index", r.Index);
                w.WriteString("entry_sha256", r.EntryHash);
                if (tree.Error is null && r.Index < tree.Size && LedgerChecks.Prove(ledger.Folder.Store, r.Index, tree.Size, tree.Root) is { Ok: true } proof)
                {
                    w.WritePropertyName("inclusion");
                    WriteInclusion(w, proof.Value, null);
                    if (tree.Note is not null) w.WriteString("tlog_proof", LedgerChecks.FormatTlogProof(proof.Value, tree.Note));
                }
                else
                {
                    w.WriteString("inclusion", "pending: not yet in a published checkpoint");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> Append(EvidenceLedger ledger, HttpContext context)
    {
        var body = await BodyBytes(context).ConfigureAwait(false);
        if (body is null) return JsonResponse.Error(StatusCodes.Status413PayloadTooLarge, $"a record has at most {EvidenceLedger.MaxRecordBytes} bytes");
        var appended = ledger.AppendRecord(body);
        if (!appended.Ok) return JsonResponse.Error(StatusCodes.Status400BadRequest, appended.Error);
        return JsonResponse.Create(StatusCodes.Status201Created, w =>
        {
            w.WriteStartObject();
            w.WriteString("type", appended.Value.Type);
            w.WriteString("id", appended.Value.Id);
            w.WriteNumber("index", appended.Value.Index);
            w.WriteString("entry_sha256", appended.Value.EntryHash);
            w.WriteEndObject();
        });
    }

    private static async Task<byte[]?> BodyBytes(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > EvidenceLedger.MaxRecordBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static void WriteInclusion(Utf8JsonWriter w, InclusionProof p, string? note)
    {
        w.WriteStartObject();
        w.WriteNumber("index", p.Index);
        w.WriteNumber("size", p.Size);
        w.WriteString("leaf_hash", Convert.ToBase64String(p.LeafHash));
        w.WriteString("root", Convert.ToBase64String(p.Root));
        w.WriteStartArray("proof");
        foreach (var h in p.Proof) w.WriteStringValue(Convert.ToBase64String(h));
        w.WriteEndArray();
        if (p.Entry is not null) w.WriteString("entry", System.Text.Encoding.UTF8.GetString(p.Entry));
        if (note is not null) w.WriteString("checkpoint", note);
        w.WriteEndObject();
    }

    /// <summary>The published tree, or an older size of it (proofs against sizes newer than published are not offered).</summary>
    private static (ulong Size, byte[] Root, string? Note, IResult? Error) TreeFor(EvidenceLedger ledger, string? size)
    {
        var published = ledger.Folder.Published();
        if (!published.Ok) return (0, [], null, JsonResponse.Error(StatusCodes.Status404NotFound, "no checkpoint published yet"));
        var cp = published.Value.Checkpoint;
        if (size is null) return (cp.Size, cp.RootHash, published.Value.Note, null);
        if (!ulong.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n)) return (0, [], null, JsonResponse.Error(StatusCodes.Status400BadRequest, "size: a non-negative integer is required"));
        if (n > cp.Size) return (0, [], null, JsonResponse.Error(StatusCodes.Status400BadRequest, $"size {n} is beyond the published size {cp.Size}"));
        if (n == cp.Size) return (cp.Size, cp.RootHash, published.Value.Note, null);
        try
        {
            return (n, new TileTree(ledger.Folder.Store, n).Root(), null, null);
        }
        catch (LedgerDataException ex)
        {
            return (0, [], null, JsonResponse.Error(StatusCodes.Status500InternalServerError, ex.Message));
        }
    }

    /// <summary>True when some tree of size ≤ <paramref name="size"/> needs this resource (full tiles inside it, partials at or below its width).</summary>
    private static bool IsCovered(TileRef tile, ulong size)
    {
        ulong complete = tile.IsEntries ? size : size >> (8 * tile.Level);
        ulong end = (tile.Index * TilePaths.Width) + (ulong)tile.Width;
        return tile.Index < ulong.MaxValue / TilePaths.Width && end <= complete;
    }
}

namespace Ensuresec.Integrity.Inspect;

/// <summary>The behaviours the built-in analysers report; rules (builtin-rules.yaml and the user's) combine them.</summary>
internal static class FactIds
{
    // JavaScript: collection
    public const string CardFieldAccess = "card-field-access";
    public const string FormFieldHarvest = "form-field-harvest";
    public const string CheckoutTrigger = "checkout-trigger";
    public const string FormListener = "form-listener";
    public const string KeyListener = "key-listener";
    public const string InjectsCardForm = "injects-card-form";
    public const string ValueRead = "value-read";

    // JavaScript: exfiltration
    public const string ExfilImage = "exfil-image";
    public const string ExfilBeacon = "exfil-beacon";
    public const string ExfilWebSocket = "exfil-websocket";
    public const string ExfilFetch = "exfil-fetch";
    public const string ExfilScript = "exfil-script-src";
    public const string ForeignUrl = "foreign-url";
    public const string DataEncoding = "data-encoding";
    public const string StorageStash = "storage-stash";
    public const string AntiDebug = "anti-debug";

    // Obfuscation (any language)
    public const string Obfuscated = "obfuscated";
    public const string DecodedCodeExecuted = "decoded-code-executed";

    // PHP
    public const string RequestInput = "request-input";
    public const string RequestToExec = "request-to-exec";
    public const string ExecSink = "exec-sink";
    public const string RequestCardField = "request-card-field";
    public const string ServerSend = "server-send";
    public const string UploadWrite = "upload-write";
}

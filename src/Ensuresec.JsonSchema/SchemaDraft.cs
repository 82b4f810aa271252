namespace Ensuresec.JsonSchema;

/// <summary>The JSON Schema dialects this validator implements.</summary>
public enum SchemaDraft
{
    /// <summary>Draft-07 (also used for draft-06 schemas, whose keywords are a subset).</summary>
    Draft7,

    /// <summary>Draft 2020-12.</summary>
    Draft202012,
}

/// <summary>Maps <c>$schema</c> values to drafts.</summary>
public static class SchemaDrafts
{
    /// <summary>The draft a <c>$schema</c> URI names, or null when this validator does not implement it.</summary>
    public static SchemaDraft? FromUri(string uri)
    {
        string u = uri.TrimEnd('#');
        return u switch
        {
            "http://json-schema.org/draft-07/schema" or "https://json-schema.org/draft-07/schema" => SchemaDraft.Draft7,
            "http://json-schema.org/draft-06/schema" or "https://json-schema.org/draft-06/schema" => SchemaDraft.Draft7,
            "https://json-schema.org/draft/2020-12/schema" or "http://json-schema.org/draft/2020-12/schema" => SchemaDraft.Draft202012,
            _ => null,
        };
    }
}

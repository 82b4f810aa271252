namespace Ensuresec.JsonSchema;

/// <summary>The schema resources entered on the way to the current schema, innermost first ($dynamicRef looks outermost first).</summary>
internal sealed record DynamicScope(string ResourceUri, DynamicScope? Outer)
{
    public IEnumerable<string> OutermostFirst()
    {
        var list = new List<string>();
        for (var s = this; s is not null; s = s.Outer) list.Add(s.ResourceUri);
        list.Reverse();
        return list;
    }
}

namespace Ensuresec.Workflows.Model;

/// <summary>The type of a value: a bounded integer, a boolean or a member of an enum (stored as its index).</summary>
internal sealed record WfType(ValueKind Kind, int Low, int High, EnumInfo? Enum)
{
    public static readonly WfType Bool = new(ValueKind.Bool, 0, 1, null);

    /// <summary>An integer of unknown range (the result of arithmetic).</summary>
    public static readonly WfType AnyInt = new(ValueKind.Int, int.MinValue, int.MaxValue, null);

    public static WfType Range(int low, int high) => new(ValueKind.Int, low, high, null);

    public static WfType Of(EnumInfo e) => new(ValueKind.Enum, 0, e.Members.Count - 1, e);

    /// <summary>Whether values of the two types may be compared or assigned to each other.</summary>
    public bool Compatible(WfType other) => Kind == other.Kind && (Kind != ValueKind.Enum || ReferenceEquals(Enum, other.Enum));

    /// <summary>How a value of this type reads in traces: a number, true/false, or the enum member.</summary>
    public string Format(int value) => Kind switch
    {
        ValueKind.Bool => value != 0 ? "true" : "false",
        ValueKind.Enum when value >= 0 && value < Enum!.Members.Count => Enum.Members[value],
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override string ToString() => Kind switch
    {
        ValueKind.Bool => "bool",
        ValueKind.Enum => Enum!.Name,
        _ when this == AnyInt || (Low == int.MinValue && High == int.MaxValue) => "int",
        _ => $"{Low}..{High}",
    };
}

internal enum ValueKind
{
    Int,
    Bool,
    Enum,
}

internal sealed record EnumInfo(string Name, IReadOnlyList<string> Members);

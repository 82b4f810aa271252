namespace Ensuresec.Learning.Data;

/// <summary>The part of a split a row belongs to.</summary>
public enum SplitSet
{
    Train,
    Valid,
    Test,
}

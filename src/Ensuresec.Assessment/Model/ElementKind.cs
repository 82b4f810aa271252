namespace Ensuresec.Assessment.Model;

/// <summary>The data-flow-diagram kinds of STRIDE per element.</summary>
public enum ElementKind
{
    ExternalEntity,
    Process,
    DataStore,
    DataFlow,
}

/// <summary>Which world an asset lives in; cascades report physical and digital effects separately.</summary>
public enum Domain
{
    Digital,
    Physical,
    Human,
}

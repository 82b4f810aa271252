namespace Ensuresec.Integrity.Components.Versions;

/// <summary>How one ecosystem orders its versions. Compare returns null when a version cannot be read in that scheme.</summary>
internal interface IVersionScheme
{
    string Name { get; }

    int? Compare(string a, string b);
}

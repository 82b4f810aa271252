namespace Ensuresec.Demo.Generation;

/// <summary>
/// The shop's registered customers: account name, e-mail, home address, browser and stored cards.
/// A share of them sit behind one university NAT address; any of them may shop from a mobile carrier's CGNAT pool.
/// </summary>
internal sealed class CustomerBook
{
    /// <summary>Share of customers whose home address is the university NAT.</summary>
    public const double UniversityShare = 0.03;

    private readonly HashSet<string> _names;

    public CustomerBook(Random rng, int count)
    {
        Names = new string[count];
        Emails = new string[count];
        HomeIps = new string[count];
        Agents = new string[count];
        Cards = new string[count][];
        _names = new HashSet<string>(count, StringComparer.Ordinal);
        UniversityNat = $"193.{rng.Next(2, 200)}.{rng.Next(256)}.{rng.Next(1, 255)}";
        MobilePool = new string[6];
        for (int i = 0; i < MobilePool.Length; i++) MobilePool[i] = $"{rng.Pick(MobileFirstOctets)}.{rng.Next(256)}.{rng.Next(256)}.{rng.Next(1, 255)}";
        for (int i = 0; i < count; i++)
        {
            string name;
            do
            {
                name = $"{rng.Pick(Catalog.FirstNames)}.{rng.Pick(Catalog.LastNames)}{rng.Next(1, 10_000)}";
            }
            while (!_names.Add(name));

            Names[i] = name;
            Emails[i] = $"{name}@{rng.Pick(Catalog.MailDomains)}";
            HomeIps[i] = rng.Chance(UniversityShare) ? UniversityNat : Addresses.Residential(rng);
            Agents[i] = rng.Pick(Catalog.BrowserAgents);
            Cards[i] = rng.Chance(0.2) ? [rng.Hex(16), rng.Hex(16)] : [rng.Hex(16)];
        }
    }

    private static readonly int[] MobileFirstOctets = [37, 46, 80, 109, 176, 178];

    public string[] Names { get; }

    public string[] Emails { get; }

    public string[] HomeIps { get; }

    public string[] Agents { get; }

    public string[][] Cards { get; }

    public string UniversityNat { get; }

    /// <summary>A mobile carrier's CGNAT exit addresses: many customers each.</summary>
    public string[] MobilePool { get; }

    public int Count => Names.Length;

    public bool Exists(string name) => _names.Contains(name);

    /// <summary>A fabricated account name that is no customer's (for leaked lists and typos).</summary>
    public string Fabricate(Random rng)
    {
        string name;
        do
        {
            name = rng.Next(3) switch
            {
                0 => $"{rng.Pick(Catalog.FirstNames)}{rng.Pick(Catalog.LastNames)}{rng.Next(1950, 2010)}",
                1 => $"{rng.Pick(Catalog.FirstNames)[0]}{rng.Pick(Catalog.LastNames)}{rng.Next(1, 1000)}",
                _ => $"{rng.Pick(Catalog.FirstNames)}_{rng.Pick(Catalog.LastNames)}{rng.Next(10, 100)}",
            };
        }
        while (_names.Contains(name));

        return name;
    }
}

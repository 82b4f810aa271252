namespace Ensuresec.Detection.Lookalike;

/// <summary>A domain that imitates one of the shop's brand domains: which brand, by which technique (dnstwist's fuzzer names, or "confusable" for a UTS #39 skeleton match), and why.</summary>
internal sealed record LookalikeMatch(string Domain, string Brand, string Technique, string Evidence);

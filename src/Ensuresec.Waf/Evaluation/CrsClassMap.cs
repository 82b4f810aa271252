using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Evaluation;

/// <summary>
/// The attack class a CRS test case must be detected as, by rule file. Where a CRS file mixes classes the
/// exceptions are by rule: 921200 is LDAP injection; 933170 (PHP object injection) and 934100 (node-serialize)
/// may be reported as deserialisation; in 944 the serialisation markers are deserialisation.
/// </summary>
public static class CrsClassMap
{
    public static IReadOnlyList<AttackClass> Expected(string ruleFile, string ruleId)
    {
        if (ruleId == "921200") return [AttackClass.LdapInjection];
        if (ruleId == "933170") return [AttackClass.Deserialization, AttackClass.PhpInjection];
        if (ruleId == "934100") return [AttackClass.NodeInjection, AttackClass.Deserialization];
        string[] parts = ruleFile.Split('-');
        string number = parts.Length > 1 ? parts[1] : string.Empty;
        return number switch
        {
            "911" or "920" or "921" or "922" => [AttackClass.Protocol],
            "913" => [AttackClass.Scanner],
            "930" => [AttackClass.PathTraversal],
            "931" => [AttackClass.RemoteFileInclusion],
            "932" => [AttackClass.CommandInjection],
            "933" => [AttackClass.PhpInjection],
            "934" => [AttackClass.NodeInjection],
            "941" => [AttackClass.CrossSiteScripting],
            "942" => [AttackClass.SqlInjection],
            "943" => [AttackClass.SessionFixation],
            "944" => [AttackClass.JavaInjection, AttackClass.Deserialization],
            _ => [],
        };
    }
}

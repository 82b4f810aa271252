namespace Ensuresec.Waf.Model;

/// <summary>Names and ATT&amp;CK techniques of the attack classes.</summary>
public static class AttackClasses
{
    /// <summary>The kebab-case name used in findings, exclusion files and JSON (e.g. "sql-injection").</summary>
    public static string Name(AttackClass c) => c switch
    {
        AttackClass.SqlInjection => "sql-injection",
        AttackClass.CrossSiteScripting => "xss",
        AttackClass.PathTraversal => "path-traversal",
        AttackClass.RemoteFileInclusion => "remote-file-inclusion",
        AttackClass.CommandInjection => "command-injection",
        AttackClass.PhpInjection => "php-injection",
        AttackClass.JavaInjection => "java-injection",
        AttackClass.NodeInjection => "nodejs-injection",
        AttackClass.Deserialization => "deserialization",
        AttackClass.TemplateInjection => "template-injection",
        AttackClass.Ssrf => "ssrf",
        AttackClass.JndiInjection => "jndi-injection",
        AttackClass.LdapInjection => "ldap-injection",
        AttackClass.SessionFixation => "session-fixation",
        AttackClass.Protocol => "protocol",
        AttackClass.Scanner => "scanner",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    /// <summary>The class with that name, or null.</summary>
    public static AttackClass? Parse(string name)
    {
        foreach (var c in Enum.GetValues<AttackClass>())
        {
            if (string.Equals(Name(c), name, StringComparison.OrdinalIgnoreCase)) return c;
        }

        return null;
    }

    /// <summary>
    /// MITRE ATT&amp;CK technique: injections into the application are T1190 (Exploit Public-Facing Application);
    /// shell commands T1059 and script in the browser T1059.007; stolen or fixed sessions T1550.004; scanners T1595.002.
    /// </summary>
    public static string Technique(AttackClass c) => c switch
    {
        AttackClass.CommandInjection => "T1059",
        AttackClass.CrossSiteScripting => "T1059.007",
        AttackClass.SessionFixation => "T1550.004",
        AttackClass.Scanner => "T1595.002",
        _ => "T1190",
    };
}

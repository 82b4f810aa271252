namespace Ensuresec.Waf.Model;

/// <summary>The attack classes the analyser tells apart; every finding names exactly one.</summary>
public enum AttackClass
{
    SqlInjection,
    CrossSiteScripting,
    PathTraversal,
    RemoteFileInclusion,
    CommandInjection,
    PhpInjection,
    JavaInjection,
    NodeInjection,
    Deserialization,
    TemplateInjection,
    Ssrf,
    JndiInjection,
    LdapInjection,
    SessionFixation,
    Protocol,
    Scanner,
}

namespace Ensuresec.Assessment.Model;

/// <summary>What an attacker holds over an element: a node of the attack graph is (element, privilege).</summary>
public enum Privilege
{
    /// <summary>Can interact with it: network reach, physical proximity, contact with a person.</summary>
    Reach,

    /// <summary>Acts as a legitimate user of it (stolen credentials, a staff account, a customer account).</summary>
    User,

    /// <summary>Controls it fully: code execution, administrator rights, physical possession.</summary>
    Control,

    /// <summary>Has read its confidential data (or goods' contents): a loss of confidentiality.</summary>
    Disclose,

    /// <summary>Has altered its data or goods: a loss of integrity.</summary>
    Tamper,

    /// <summary>Has made it unavailable: a loss of availability.</summary>
    Deny,
}

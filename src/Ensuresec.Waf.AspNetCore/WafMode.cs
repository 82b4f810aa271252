namespace Ensuresec.Waf.AspNetCore;

/// <summary>What the middleware does with an attack.</summary>
public enum WafMode
{
    /// <summary>Record the verdict (HttpContext.Items, the OnVerdict callback, the log) and let the request through.</summary>
    Monitor,

    /// <summary>Answer 403 without calling the application.</summary>
    Block,
}

namespace Ensuresec.Detection.Accounts;

/// <summary>
/// What an e-mail address given at sign-up says about its account: the domain, the mailbox it really reaches
/// (the local part without a "+tag"; without dots at Gmail, which ignores them), a shared stem when the local part
/// ends in a number ("shopper" for shopper017), whether the local part looks machine-made, and whether the domain
/// hands out throw-away mailboxes.
/// </summary>
internal sealed record SignupEmail(string Domain, string Mailbox, string? Stem, bool PlusAddressed, bool RandomLooking, bool Disposable)
{
    /// <summary>Longest address read; a longer one is not analysed (its account still counts for its address and device).</summary>
    public const int MaxLength = 254;

    /// <summary>
    /// Throw-away mailbox providers (a short list of the widely used ones; detectors.account-burst.disposable-domains adds
    /// more). Subdomains count too.
    /// </summary>
    public static readonly IReadOnlyList<string> KnownDisposable =
    [
        "mailinator.com", "guerrillamail.com", "guerrillamail.net", "sharklasers.com", "grr.la", "10minutemail.com", "temp-mail.org",
        "tempmail.com", "tempmail.net", "yopmail.com", "yopmail.fr", "trashmail.com", "trashmail.de", "getnada.com", "nada.email",
        "dispostable.com", "maildrop.cc", "throwawaymail.com", "fakeinbox.com", "mailnesia.com", "mintemail.com", "emailondeck.com",
        "spamgourmet.com", "mohmal.com", "burnermail.io", "tempr.email", "discard.email", "moakt.com", "mytemp.email", "tempail.com",
        "33mail.com", "mailcatch.com", "spambox.us", "jetable.org", "wegwerfmail.de", "einrot.com", "byom.de", "tempinbox.com",
    ];

    public static SignupEmail? Parse(string? address, IReadOnlySet<string> disposable)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxLength) return null;
        string text = address.Trim().ToLowerInvariant();
        int at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1) return null;
        string domain = text[(at + 1)..].TrimEnd('.');
        string local = text[..at];
        int plus = local.IndexOf('+', StringComparison.Ordinal);
        string mailbox = plus > 0 ? local[..plus] : local;
        if (domain is "gmail.com" or "googlemail.com") mailbox = mailbox.Replace(".", string.Empty, StringComparison.Ordinal);
        if (mailbox.Length == 0 || domain.Length == 0) return null;
        return new SignupEmail(domain, mailbox + "@" + domain, StemOf(mailbox), plus > 0, LooksRandom(mailbox), IsDisposable(domain, disposable));
    }

    private static bool IsDisposable(string domain, IReadOnlySet<string> disposable)
    {
        for (string d = domain; ; d = d[(d.IndexOf('.', StringComparison.Ordinal) + 1)..])
        {
            if (disposable.Contains(d)) return true;
            if (!d.Contains('.', StringComparison.Ordinal)) return false;
        }
    }

    // shopper017 → "shopper"; no stem without trailing digits or with fewer than three letters before them.
    private static string? StemOf(string mailbox)
    {
        int end = mailbox.Length;
        while (end > 0 && char.IsAsciiDigit(mailbox[end - 1])) end--;
        if (end == mailbox.Length) return null;
        string stem = mailbox[..end].TrimEnd('.', '_', '-');
        return stem.Count(char.IsAsciiLetter) >= 3 ? stem : null;
    }

    // Machine-made local parts: many switches between letters and digits (x7k2m9q4), or long runs without vowels.
    private static bool LooksRandom(string mailbox)
    {
        if (mailbox.Length < 8) return false;
        int switches = 0, run = 0, longestRun = 0;
        for (int i = 0; i < mailbox.Length; i++)
        {
            char c = mailbox[i];
            if (i > 0 && char.IsAsciiDigit(c) != char.IsAsciiDigit(mailbox[i - 1])) switches++;
            bool consonant = char.IsAsciiLetter(c) && "aeiouy".IndexOf(c, StringComparison.Ordinal) < 0;
            run = consonant ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        return switches >= 4 || longestRun >= 6;
    }
}

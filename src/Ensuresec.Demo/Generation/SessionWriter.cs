using Ensuresec.Core.Events;

namespace Ensuresec.Demo.Generation;

/// <summary>
/// One benign shopping session: browse, search, maybe a cart, a login (with the occasional mistyped password
/// or user name), a checkout and a payment (mostly accepted, some declined and retried).
/// </summary>
internal sealed class SessionWriter
{
    private const long Ms = TimeSpan.TicksPerMillisecond;
    private const long Second = TimeSpan.TicksPerSecond;

    private readonly Random _rng;
    private readonly EventFactory _f;
    private readonly CustomerBook _book;
    private readonly string[] _saleProducts;
    private string _ip = "";
    private string _agent = "";
    private long _t;

    public SessionWriter(Random rng, EventFactory f, CustomerBook book, string[] saleProducts)
    {
        _rng = rng;
        _f = f;
        _book = book;
        _saleProducts = saleProducts;
    }

    public void Write(long start, bool sale)
    {
        var rng = _rng;
        _t = start;
        bool known = rng.Chance(0.6);
        int c = known ? rng.Next(_book.Count) : -1;
        bool mobile = rng.Chance(0.12);
        _ip = mobile ? rng.Pick(_book.MobilePool) : known ? _book.HomeIps[c] : Addresses.Residential(rng);
        _agent = known ? _book.Agents[c] : rng.Pick(Catalog.BrowserAgents);

        Page("/", null, 200, rng.Next(30_000, 60_000), rng.Chance(0.4) ? "https://www.google.com/" : null);
        int pages = sale ? rng.Next(2, 6) : rng.Next(2, 13);
        for (int i = 0; i < pages; i++) Browse(sale);

        bool cart = rng.Chance(sale ? 0.6 : 0.3);
        if (cart)
        {
            Post("/cart/add", 200, rng.Next(300, 900));
            Page("/cart", null, 200, rng.Next(15_000, 25_000));
        }

        string? user = null;
        if (known && rng.Chance(cart ? 0.8 : 0.35)) user = Login(c);
        if (cart && rng.Chance(sale ? 0.75 : 0.6)) user = Checkout(c, user);

        if (user is not null)
        {
            // Legitimate profile edits: the hard case for takeover detectors.
            if (rng.Chance(0.004)) ChangeEmail(user);
            if (rng.Chance(0.01)) ChangeAddress(user);
            if (rng.Chance(0.15)) Post("/account/logout", 302, 0);
        }
    }

    private void Browse(bool sale)
    {
        var rng = _rng;
        double r = rng.NextDouble();
        if (sale && r < 0.5)
        {
            Page("/product/" + rng.Pick(_saleProducts), null, 200, rng.Next(40_000, 90_000));
        }
        else if (r < 0.55)
        {
            bool gone = rng.Chance(0.01);
            Page("/product/" + rng.Pick(Catalog.Products), null, gone ? 404 : 200, gone ? 4_200 : rng.Next(40_000, 90_000));
        }
        else if (r < 0.8)
        {
            Page("/category/" + rng.Pick(Catalog.Categories), rng.Chance(0.2) ? $"page={rng.Next(2, 6)}" : null, 200, rng.Next(50_000, 120_000));
        }
        else
        {
            string q = "q=" + rng.Pick(Catalog.SearchTerms);
            Page("/search", rng.Chance(0.15) ? q + "&page=2" : q, 200, rng.Next(30_000, 80_000));
        }
    }

    private string Login(int c)
    {
        var rng = _rng;
        string user = _book.Names[c];
        Page("/account/login", null, 200, rng.Next(8_000, 12_000));
        if (rng.Chance(0.01))
        {
            // A typo in the user name: the shop sees a login for an account that does not exist.
            Post("/account/login", 200, 9_000);
            _f.App(_t + (5 * Ms), EventActions.Login, false, _ip, _agent, Typo(user), reason: "unknown user");
        }

        if (rng.Chance(0.08))
        {
            double r = rng.NextDouble();
            int fails = r < 0.7 ? 1 : r < 0.9 ? 2 : rng.Next(3, 6);
            for (int i = 0; i < fails; i++)
            {
                Post("/account/login", 200, 9_000);
                _f.App(_t + (5 * Ms), EventActions.Login, false, _ip, _agent, user, reason: "bad password");
            }

            if (fails >= 3 && rng.Chance(0.5))
            {
                Page("/account/forgot", null, 200, 7_000);
                Post("/account/forgot", 302, 0);
                _f.App(_t + (5 * Ms), EventActions.PasswordReset, true, _ip, _agent, user, _book.Emails[c]);
                Page("/account/reset", "token=" + rng.Hex(32), 200, 7_000);
                Post("/account/reset", 302, 0);
                _f.App(_t + (5 * Ms), EventActions.PasswordChange, true, _ip, _agent, user);
            }
        }

        Post("/account/login", 302, 0);
        _f.App(_t + (5 * Ms), EventActions.Login, true, _ip, _agent, user);
        Page("/account", null, 200, rng.Next(12_000, 20_000));
        return user;
    }

    private string? Checkout(int c, string? user)
    {
        var rng = _rng;
        Page("/checkout", null, 200, rng.Next(20_000, 30_000));
        if (user is null && c >= 0 && rng.Chance(0.7)) user = Login(c);
        if (user is null && rng.Chance(0.25))
        {
            user = _book.Fabricate(rng);
            Post("/account/register", 302, 0);
            _f.App(_t + (5 * Ms), EventActions.AccountCreate, true, _ip, _agent, user, $"{user}@{rng.Pick(Catalog.MailDomains)}");
        }

        Post("/checkout/address", 302, 0);
        decimal amount = Math.Round((decimal)Math.Exp(3.6 + (rng.NextDouble() * 1.6)), 2);
        _f.Order(_t + (5 * Ms), _ip, _agent, user, amount);
        string[] cards = c >= 0 ? _book.Cards[c] : [rng.Hex(16)];
        string card = cards[0];
        for (int attempt = 0; attempt < 3; attempt++)
        {
            Post("/checkout/payment", 200, rng.Next(500, 2_000));
            bool ok = rng.Chance(attempt == 0 ? 0.94 : 0.8);
            _f.Payment(_t + (300 * Ms), _ip, _agent, user, amount, card, ok);
            if (ok)
            {
                Page("/checkout/confirmation", null, 200, rng.Next(15_000, 20_000));
                return user;
            }

            double r = rng.NextDouble();
            if (r < 0.3) break;
            if (r < 0.8) card = cards.Length > 1 ? cards[1] : rng.Hex(16);
        }

        return user;
    }

    private void ChangeEmail(string user)
    {
        Page("/account/email", null, 200, 8_000);
        Post("/account/email", 302, 0);
        _f.App(_t + (5 * Ms), EventActions.EmailChange, true, _ip, _agent, user, $"{user}@{_rng.Pick(Catalog.MailDomains)}");
    }

    private void ChangeAddress(string user)
    {
        Page("/account/addresses", null, 200, 9_000);
        Post("/account/addresses", 302, 0);
        _f.App(_t + (5 * Ms), EventActions.AddressChange, true, _ip, _agent, user);
    }

    private string Typo(string user)
    {
        int i = _rng.Next(user.Length);
        string typo = string.Concat(user.AsSpan(0, i), user.AsSpan(i + 1));
        return _book.Exists(typo) ? typo + "x" : typo;
    }

    private void Page(string path, string? query, int status, long bytes, string? referrer = null)
    {
        Think();
        _f.Http(_t, _ip, _agent, "GET", path, query, status, bytes, referrer);
    }

    private void Post(string path, int status, long bytes)
    {
        Think();
        _f.Http(_t, _ip, _agent, "POST", path, null, status, bytes);
    }

    private void Think() => _t += Second + (long)(_rng.Exponential(18) * Second) + _rng.Next(1000) * Ms;
}

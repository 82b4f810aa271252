using System.Net;
using Ensuresec.Waf.Inputs;
using Ensuresec.Waf.Model;
using Ensuresec.Waf.Normalization;

namespace Ensuresec.Waf.Detectors;

/// <summary>
/// URLs inside arguments: remote file inclusion (a URL to an IP address, a URL ending in '?' to cut the application's
/// suffix, known vulnerable include parameters, at paranoia 2 any URL to another host) and server-side request
/// forgery (URLs to loopback, private, link-local and cloud metadata addresses, or exotic schemes like gopher:).
/// </summary>
internal static class UrlArgumentDetector
{
    private static readonly string[] Schemes = ["http://", "https://", "ftp://", "ftps://", "file://", "gopher://", "dict://", "ldap://", "tftp://", "jar:", "netdoc://", "sftp://", "smb://"];

    private static readonly HashSet<string> IncludeParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "_conf[path]", "mosconfig_absolute_path", "mosconfig.absolute.path", "path_to_root", "include_path", "phpbb_root_path",
        "root_path", "dir", "inc", "include", "template", "page", "appserv_root", "gallery_basedir", "config[root_dir]",
        "abs_path", "base_path", "absolute_path", "sitepath", "rootdir", "cfg_root", "page_path", "lang_path",
    };

    public static void Inspect(in RequestInput input, in NormalizedValue value, AnalysisContext ctx)
    {
        if (input.Part is RequestPart.Path or RequestPart.Header && !input.Name.Equals("X-Forwarded-Host", StringComparison.OrdinalIgnoreCase)) return;
        string s = value.Lower;
        int colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return;
        foreach (string scheme in Schemes)
        {
            int at = s.IndexOf(scheme, StringComparison.Ordinal);
            if (at < 0) continue;
            string rest = s[(at + scheme.Length)..];
            string host = Host(rest);
            Check(input, s, scheme, host, rest, at, ctx);
            return;
        }
    }

    private static void Check(in RequestInput input, string s, string scheme, string host, string rest, int at, AnalysisContext ctx)
    {
        var part = input.Part;
        string name = input.Name;
        var ev = KeywordScanner.Around(s, at, scheme.Length + host.Length);
        if (scheme is "gopher://" or "dict://" or "tftp://" or "jar:" or "netdoc://" or "ldap://")
        {
            ctx.Add(AttackClass.Ssrf, "ES-WAF-SSRF-SCHEME", $"URL with the {scheme.TrimEnd('/', ':')} scheme (request forgery)", part, name, ev, 1, Score.Critical);
            return;
        }

        if (IsInternal(host))
        {
            ctx.Add(AttackClass.Ssrf, "ES-WAF-SSRF-INTERNAL", "URL to a loopback, private or cloud metadata address", part, name, ev, 1, Score.Critical);
        }

        if (scheme == "file://")
        {
            ctx.Add(AttackClass.RemoteFileInclusion, "ES-WAF-931-FILE-URL", "file: URL in an argument", part, name, ev, 1, Score.Critical);
            return;
        }

        if (at != 0) return;
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            ctx.Add(AttackClass.RemoteFileInclusion, "ES-WAF-931-IP-URL", "argument is a URL to an IP address", part, name, ev, 1, Score.Critical);
        }
        else if (IncludeParameters.Contains(name))
        {
            ctx.Add(AttackClass.RemoteFileInclusion, "ES-WAF-931-INCLUDE-PARAM", "URL in a parameter known to be included by vulnerable applications", part, name, ev, 1, Score.Critical);
        }
        else if (rest.EndsWith('?'))
        {
            ctx.Add(AttackClass.RemoteFileInclusion, "ES-WAF-931-TRAILING-QUESTION", "URL ending in '?' (cuts the application's suffix)", part, name, ev, 1, Score.Critical);
        }
        else if (ctx.Runs(2) && ctx.Host is { } own && (!SameSite(host, own) || !SamePort(rest, own)) && (part is RequestPart.QueryValue or RequestPart.BodyValue))
        {
            ctx.Add(AttackClass.RemoteFileInclusion, "ES-WAF-931-OFF-DOMAIN", "argument is a URL to another host", part, name, ev, 2, Score.Error);
        }
    }

    /// <summary>
    /// An explicit port in the URL that the request's own Host does not carry (or another one): another service,
    /// often an internal one, on the same name. A URL without a port is not compared (the scheme's default).
    /// </summary>
    private static bool SamePort(string rest, string own)
    {
        int end = rest.AsSpan().IndexOfAny("/?#\\ ");
        string authority = end < 0 ? rest : rest[..end];
        int atSign = authority.LastIndexOf('@');
        if (atSign >= 0) authority = authority[(atSign + 1)..];
        int colon = authority.LastIndexOf(':');
        if (colon < 0 || authority.EndsWith(']')) return true;
        var port = authority.AsSpan(colon + 1);
        int ownColon = own.LastIndexOf(':');
        var ownPort = ownColon < 0 || own.EndsWith(']') ? "" : own.AsSpan(ownColon + 1);
        return port.SequenceEqual(ownPort);
    }

    private static bool SameSite(string host, string own)
    {
        int colon = own.IndexOf(':', StringComparison.Ordinal);
        string ownHost = (colon < 0 ? own : own[..colon]).ToLowerInvariant();
        return host == ownHost || host.EndsWith("." + ownHost, StringComparison.Ordinal) || ownHost.EndsWith("." + host, StringComparison.Ordinal);
    }

    /// <summary>The host of "host[:port][/...]" after the scheme, without credentials.</summary>
    private static string Host(string rest)
    {
        int end = rest.AsSpan().IndexOfAny("/?#\\ ");
        string authority = end < 0 ? rest : rest[..end];
        int atSign = authority.LastIndexOf('@');
        if (atSign >= 0) authority = authority[(atSign + 1)..];
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? authority : authority[..(close + 1)];
        }

        int colon = authority.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? authority : authority[..colon];
    }

    internal static bool IsInternal(string host)
    {
        if (host is "localhost" or "metadata.google.internal" or "metadata" or "instance-data" || host.EndsWith(".localhost", StringComparison.Ordinal)) return true;
        string h = host.Trim('[', ']');
        if (long.TryParse(h, out long dec) && dec is > 0 and <= uint.MaxValue) h = new IPAddress((uint)IPAddress.HostToNetworkOrder((int)(uint)dec)).ToString();
        if (h.StartsWith("0x", StringComparison.Ordinal) && uint.TryParse(h.AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out uint hex)) h = new IPAddress(IPAddress.HostToNetworkOrder((int)hex) & 0xFFFFFFFFL).ToString();
        if (!IPAddress.TryParse(h, out var ip)) return false;
        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) return true;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal;
        byte[] b = ip.GetAddressBytes();
        return b[0] == 10 || b[0] == 127 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }
}

using System.Net;
using System.Net.Sockets;

namespace Ensuresec.Detection.Common;

/// <summary>The network an address belongs to: its /24 for IPv4, its /64 for IPv6.</summary>
internal static class NetworkPrefix
{
    /// <summary>The prefix as text (e.g. 203.0.113.0/24), or the raw value if it is not an address.</summary>
    public static string Of(string address)
    {
        if (!IPAddress.TryParse(address, out var ip)) return address;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var bytes = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            return new IPAddress(bytes) + "/24";
        }

        for (int i = 8; i < bytes.Length; i++) bytes[i] = 0;
        return new IPAddress(bytes) + "/64";
    }
}

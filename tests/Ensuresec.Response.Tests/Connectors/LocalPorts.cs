using System.Net;
using System.Net.Sockets;

namespace Ensuresec.Response.Tests.Connectors;

internal static class LocalPorts
{
    public static int Free()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

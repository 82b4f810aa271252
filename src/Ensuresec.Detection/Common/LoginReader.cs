using Ensuresec.Core.Events;

namespace Ensuresec.Detection.Common;

/// <summary>
/// Reads login attempts from user-login events, and from access-log POSTs to login pages where the
/// status tells the outcome (401/403; 200 on pages that re-render the form on failure, like wp-login.php).
/// </summary>
internal sealed class LoginReader
{
    private readonly HashSet<string> _paths;
    private readonly HashSet<string> _formPaths;
    private readonly HashSet<int> _failureStatuses;

    public LoginReader(IEnumerable<string> loginPaths, IEnumerable<string> formRerenderPaths, IEnumerable<int> failureStatuses)
    {
        _paths = new HashSet<string>(loginPaths, StringComparer.OrdinalIgnoreCase);
        _formPaths = new HashSet<string>(formRerenderPaths, StringComparer.OrdinalIgnoreCase);
        _failureStatuses = [.. failureStatuses];
    }

    /// <summary>True if the event is a login attempt with a known outcome.</summary>
    public bool TryRead(SecurityEvent e, out Login login)
    {
        login = default;
        if (e.Action == EventActions.Login)
        {
            if (e.Outcome == EventOutcomes.Failure) login = new Login(true, e.UserName, false);
            else if (e.Outcome == EventOutcomes.Success) login = new Login(false, e.UserName, false);
            else return false;
            return true;
        }

        if (e.Action != EventActions.HttpRequest || e.StatusCode is not int status || e.UrlPath is null) return false;
        if (!string.Equals(e.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)) return false;
        string path = TrimSlash(e.UrlPath);
        if (!_paths.Contains(path) && !_formPaths.Contains(path)) return false;
        bool failed = _failureStatuses.Contains(status) || (status == 200 && _formPaths.Contains(path));
        bool succeeded = !failed && status is >= 200 and < 400;
        if (!failed && !succeeded) return false;
        login = new Login(failed, e.UserName, true);
        return true;
    }

    private static string TrimSlash(string path) => path.Length > 1 && path[^1] == '/' ? path[..^1] : path;
}

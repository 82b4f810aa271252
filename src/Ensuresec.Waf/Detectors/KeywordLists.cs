using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Detectors;

/// <summary>
/// The words whose presence alone is evidence, by class. Lists are ours, written from the documented dangerous APIs
/// of each platform (Java class names used in expression-language and deserialisation exploits, PHP functions
/// and settings that run code or read files, SQL system catalogues, template-engine internals).
/// </summary>
internal static class KeywordLists
{
    private const AttackClass Java = AttackClass.JavaInjection;
    private const AttackClass Php = AttackClass.PhpInjection;
    private const AttackClass Sql = AttackClass.SqlInjection;
    private const AttackClass Node = AttackClass.NodeInjection;
    private const AttackClass Deser = AttackClass.Deserialization;

    /// <summary>Apache Commons Collections / Groovy gadget classes used in Java deserialisation chains.</summary>
    public static readonly string[] JavaGadgets =
    [
        "clonetransformer", "forclosure", "instantiatefactory", "instantiatetransformer", "invokertransformer",
        "prototypeclonefactory", "prototypeserializationfactory", "whileclosure",
    ];

    public static IEnumerable<Keyword> All()
    {
        foreach (string prefix in new[]
        {
            "java.lang.", "java.io.", "java.net.", "java.nio.", "java.util.", "java.beans.", "java.rmi.", "javax.script.",
            "javax.naming.", "javax.management.", "com.opensymphony.xwork2", "com.sun.org.apache", "com.sun.rowset",
            "com.sun.jndi", "org.apache.commons", "org.apache.xalan", "org.apache.xbean", "org.omg.corba", "org.springframework.",
            "org.codehaus.groovy", "sun.misc.", "sun.reflect.", "java.runtime", "java.processbuilder", "@java.lang",
        })
        {
            yield return new Keyword(prefix, Java, "ES-WAF-944-CLASS", "Java class name in a request", 1, Score.Critical);
        }

        yield return new Keyword("processbuilder", Java, "ES-WAF-944-PROCESS", "Java process creation API", 1, Score.Critical, WordEnd: false);
        yield return new Keyword("getruntime", Java, "ES-WAF-944-PROCESS", "Java process creation API", 1, Score.Critical);
        foreach (string gadget in JavaGadgets)
        {
            yield return new Keyword(gadget, Java, "ES-WAF-944-GADGET", "Java deserialisation gadget class", 1, Score.Critical, WordStart: false);
        }

        foreach (string b64 in new[] { "rO0AB", "KztAAU", "Cs7QAF" })
        {
            yield return new Keyword(b64, Deser, "ES-WAF-944-SERIAL-B64", "base64 of a Java serialisation stream header (AC ED 00 05)", 1, Score.Critical, WordStart: false, CaseSensitive: true);
        }

        foreach (string core in Base64Cores.Of(["runtime", "processbuilder", .. JavaGadgets]))
        {
            yield return new Keyword(core, Java, "ES-WAF-944-B64-KEYWORD", "base64 of a Java exploit keyword", 2, Score.Critical, WordStart: false, CaseSensitive: true);
        }

        foreach (string f in new[]
        {
            "base64_decode", "call_user_func", "create_function", "file_get_contents", "file_put_contents", "fsockopen",
            "gzinflate", "gzuncompress", "gzdecode", "str_rot13", "shell_exec", "proc_open", "pcntl_exec", "phpinfo",
            "posix_getpwuid", "posix_kill", "posix_setuid", "move_uploaded_file", "stream_get_contents", "php_uname",
            "ini_get_all", "get_cfg_var", "highlight_file", "show_source", "escapeshellcmd", "escapeshellarg", "assert_options",
            "stream_socket_client", "curl_exec", "preg_replace_callback", "register_shutdown_function", "get_defined_vars",
            "is_writable", "disk_free_space", "posix_getuid", "getmypid", "proc_nice", "fpassthru", "bzdecompress",
        })
        {
            yield return new Keyword(f, Php, "ES-WAF-933-FUNCTION", "high-risk PHP function name", 1, Score.Critical, WordStart: false, WordEnd: true);
        }

        foreach (string g in new[] { "$_server", "$_get", "$_post", "$_cookie", "$_request", "$_files", "$_env", "$_session", "$globals", "$http_raw_post_data", "$http_get_vars", "$http_post_vars" })
        {
            yield return new Keyword(g, Php, "ES-WAF-933-SUPERGLOBAL", "PHP superglobal variable", 1, Score.Critical, WordStart: false, WordEnd: true);
        }

        foreach (string w in new[] { "php://", "phar://", "zlib://", "glob://", "expect://", "zip://", "rar://", "ogg://", "ssh2.shell://", "compress.zlib://", "compress.bzip2://" })
        {
            yield return new Keyword(w, Php, "ES-WAF-933-WRAPPER", "PHP stream wrapper", 1, Score.Critical, WordStart: w == "zip://");
        }

        foreach (string d in new[]
        {
            "allow_url_include", "allow_url_fopen", "auto_prepend_file", "auto_append_file", "disable_functions", "open_basedir",
            "safe_mode", "register_globals", "session.bug_compat_42", "session.bug_compat_warn", "magic_quotes_gpc", "suhosin.",
            "session.use_trans_sid", "session.save_path", "enable_dl", "cgi.force_redirect",
        })
        {
            yield return new Keyword(d, Php, "ES-WAF-933-CONFIG", "PHP configuration directive", 1, Score.Critical);
        }

        foreach (string t in new[]
        {
            "information_schema", "pg_catalog", "pg_shadow", "pg_user", "pg_database", "sysobjects", "syscolumns", "sysusers",
            "sysprocesses", "sys.sql_logins", "sys.objects", "mysql.user", "mysql.db", "sqlite_master", "sqlite_temp_master",
            "msysobjects", "msysaccessobjects", "msysqueries", "all_tables", "all_tab_columns", "user_tables", "user_objects",
            "dba_users", "xp_cmdshell", "xp_regread", "xp_regwrite", "xp_dirtree", "xp_fileexist", "sp_executesql", "sp_oacreate",
            "sp_makewebtask", "sp_password", "sp_addlogin", "sp_configure", "@@version", "@@datadir", "@@hostname", "utl_http",
            "utl_inaddr", "dbms_pipe", "dbms_java", "sys_eval", "sys_exec", "pg_read_file", "lo_import", "lo_export", "db_name(",
            "msdasql", "sqloledb", "openrowset", "opendatasource", "openquery", "load_file", "into outfile", "into dumpfile",
        })
        {
            yield return new Keyword(t, Sql, "ES-WAF-942-SYSTEM", "SQL system catalogue or stored procedure", 1, Score.Critical);
        }

        foreach (string n in new[] { "_$$nd_func$$_", "__js_function", "child_process", "process.mainmodule", "module.exports", "this.constructor", "require('child", "require(\"child" })
        {
            yield return new Keyword(n, Node, "ES-WAF-934-INJECTION", "Node.js code injection marker", 1, Score.Critical, WordStart: false);
        }

        foreach (string s in new[] { "__class__", "__mro__", "__subclasses__", "__globals__", "__builtins__", "__import__", "__init__", "freemarker.template", "getclass().forname", ".getclass()" })
        {
            yield return new Keyword(s, AttackClass.TemplateInjection, "ES-WAF-SSTI-INTERNALS", "template engine or interpreter internals", 1, Score.Critical, WordStart: false);
        }

        foreach (string t in new[] { "tempdb", "msdb", "northwind", "pg_stat_activity" })
        {
            yield return new Keyword(t, Sql, "ES-WAF-942-SYSTEM-DB", "SQL Server or PostgreSQL system database name", 2, Score.Error, WordEnd: true);
        }

        foreach (string t in new[] { "schema_name", "table_schema" })
        {
            yield return new Keyword(t, Sql, "ES-WAF-942-CATALOG-COLUMN", "column of information_schema (enumerating databases and tables)", 2, Score.Error, WordEnd: true);
        }

        foreach (string x in new[] { "document.cookie", "document.write", "document.domain", "window.location", "document.location", ".innerhtml", "xi:include", "xsi:schemalocation", "xlink:href" })
        {
            yield return new Keyword(x, AttackClass.CrossSiteScripting, "ES-WAF-941-SINK", "JavaScript sink or XML script vector", 1, Score.Critical, WordStart: false);
        }

        foreach (string core in Base64Cores.Of(["_$$ND_FUNC$$_"]))
        {
            yield return new Keyword(core, Node, "ES-WAF-934-B64-MARKER", "base64 of the node-serialize function marker _$$ND_FUNC$$_", 1, Score.Critical, WordStart: false, CaseSensitive: true);
        }

        yield return new Keyword("ysoserial", Deser, "ES-WAF-944-SERIAL", "deserialisation exploit tool name", 1, Score.Critical);
    }
}

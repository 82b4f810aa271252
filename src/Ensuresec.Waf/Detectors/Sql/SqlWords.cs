namespace Ensuresec.Waf.Detectors.Sql;

/// <summary>The SQL vocabulary the detector reasons with (lower case), looked up from spans without allocating.</summary>
internal static class SqlWords
{
    private static readonly Dictionary<string, SqlWord> Words = Build();
    private static readonly Dictionary<string, SqlWord>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    public static SqlWord Of(ReadOnlySpan<char> word) => Lookup.TryGetValue(word, out var w) ? w : SqlWord.None;

    private static Dictionary<string, SqlWord> Build()
    {
        var d = new Dictionary<string, SqlWord>(StringComparer.Ordinal);
        void Add(SqlWord kind, string words)
        {
            foreach (string w in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                d[w] = d.TryGetValue(w, out var k) ? k | kind : kind;
            }
        }

        Add(SqlWord.Logic, "or and xor not div");
        Add(SqlWord.Statement, "select union insert update delete drop create alter truncate exec execute declare waitfor shutdown grant revoke merge call handler load rename replace prepare deallocate");
        Add(SqlWord.Clause, "from where into values set having group order by limit offset join inner outer left right cross natural on using all distinct top procedure analyse outfile dumpfile delay table database schema collate escape union case when then else end as asc desc lock unlock");
        Add(SqlWord.Comparison, "like rlike regexp between is in exists sounds glob match against");
        Add(SqlWord.Literal, "null true false current_user session_user system_user user_name");
        Add(SqlWord.Type, "char nchar varchar nvarchar varchar2 int integer bigint smallint tinyint decimal numeric float real double binary varbinary text ntext blob date datetime signed unsigned bit");
        Add(SqlWord.DangerousFunction, "sleep benchmark pg_sleep load_file extractvalue updatexml name_const get_lock make_set elt exp geometrycollection multipoint polygon multipolygon linestring multilinestring json_keys sys_eval sys_exec xp_cmdshell dbms_pipe utl_inaddr utl_http pg_read_file lo_import randomblob dbms_lock");
        Add(SqlWord.Function,
            "abs acos ascii asin atan avg bin bit_and bit_count bit_length cast ceil ceiling char char_length character_length charindex chr coalesce compress concat concat_ws connection_id conv convert cos cot count crc32 current_date current_database current_time current_timestamp current_user curdate curtime database datalength date_format day degrees encode decode des_decrypt des_encrypt encrypt export_set field find_in_set floor format found_rows from_base64 greatest group_concat hex if ifnull iif inet_aton inet_ntoa insert instr isnull last_insert_id lcase least left length ln locate log log10 log2 lower lpad ltrim md5 mid min max mod now nullif oct octet_length old_password ord password pi position pow power quote radians rand regexp_like regexp_substr repeat replace reverse right round row_count rpad rtrim schema sha sha1 sha2 sign sin soundex space sqrt std stddev strcmp substr substring substring_index sum sysdate system_user tan to_base64 to_char trim truncate ucase uncompress unhex upper user uuid version weight_string db_name host_name date default time year month hour minute second quarter week weekday dayname monthname timestamp date_add date_sub adddate subdate datediff last_day makedate dayofweek dayofmonth dayofyear object_id object_name suser_name user_id is_srvrolemember is_member has_dbaccess serverproperty pg_client_encoding current_setting quote_ident quote_literal string_agg array_agg xmltype xmlelement randomblob sqlite_version zeroblob typeof unicode");
        return d;
    }
}

using System.Globalization;

namespace Ensuresec.Workflows.Language;

/// <summary>
/// Recursive-descent parser of the workflow language (grammar in docs/WORKFLOWS.md). Stops at the first syntax
/// error and reports its line and column; never throws on bad input.
/// </summary>
internal sealed class Parser
{
    public const int MaxNesting = 64;
    public const int MaxExpressionNodes = 1000;

    private static readonly HashSet<string> Keywords =
    [
        "workflow", "enum", "const", "var", "process", "states", "initial", "when", "do", "property", "under",
        "fairness", "monitor", "by", "on", "where", "true", "false", "bool", "always", "eventually", "next", "until",
        "release",
    ];

    private readonly List<Token> _tokens;
    private readonly Dictionary<string, int> _consts = new(StringComparer.Ordinal);
    private int _at;
    private int _depth;
    private int _nodes;

    private Parser(List<Token> tokens) => _tokens = tokens;

    public static bool TryParse(string text, out WorkflowSyntax? syntax, out (SourcePos Pos, string Message) error)
    {
        syntax = null;
        if (!Lexer.TryTokenize(text, out var tokens, out error)) return false;
        var parser = new Parser(tokens);
        try
        {
            syntax = parser.ParseFile();
            return true;
        }
        catch (SyntaxError e)
        {
            error = (e.Pos, e.Message);
            return false;
        }
    }

    private Token Peek => _tokens[_at];

    private Token Next() => _tokens[Math.Min(_at++, _tokens.Count - 1)];

    private WorkflowSyntax ParseFile()
    {
        Expect("workflow");
        string name = Identifier("a workflow name").Text;
        Expect(";");
        var enums = new List<EnumDecl>();
        var consts = new List<ConstDecl>();
        var vars = new List<VarDecl>();
        var processes = new List<ProcessDecl>();
        var properties = new List<PropertyDecl>();
        MonitorDecl? monitor = null;
        while (Peek.Kind != TokenKind.End)
        {
            var t = Peek;
            if (t.Is("enum")) enums.Add(ParseEnum());
            else if (t.Is("const")) consts.Add(ParseConst());
            else if (t.Is("var")) vars.Add(ParseVar());
            else if (t.Is("process")) processes.Add(ParseProcess());
            else if (t.Is("property")) properties.Add(ParseProperty());
            else if (t.Is("monitor"))
            {
                if (monitor is not null) throw new SyntaxError(t.Pos, "only one monitor section is allowed");
                monitor = ParseMonitor();
            }
            else throw new SyntaxError(t.Pos, $"expected enum, const, var, process, property or monitor, found {t.Describe()}");
        }

        return new WorkflowSyntax(name, enums, consts, vars, processes, properties, monitor);
    }

    private EnumDecl ParseEnum()
    {
        var pos = Next().Pos;
        string name = Identifier("an enum name").Text;
        Expect("{");
        var members = new List<Named> { NamedIdentifier("an enum member") };
        while (Accept(",")) members.Add(NamedIdentifier("an enum member"));
        Expect("}");
        return new EnumDecl(pos, name, members);
    }

    private ConstDecl ParseConst()
    {
        var pos = Next().Pos;
        var id = Identifier("a constant name");
        Expect("=");
        int value = SignedInteger();
        Expect(";");
        _consts.TryAdd(id.Text, value);
        return new ConstDecl(pos, id.Text, value);
    }

    private VarDecl ParseVar()
    {
        var pos = Next().Pos;
        string name = Identifier("a variable name").Text;
        Expect(":");
        var type = ParseType();
        Expr? init = Accept("=") ? ParseExpression() : null;
        Expect(";");
        return new VarDecl(pos, name, type, init);
    }

    private TypeRef ParseType()
    {
        var t = Peek;
        if (t.Is("bool"))
        {
            Next();
            return new TypeRef(t.Pos, TypeKind.Bool);
        }

        if (t.Kind == TokenKind.Identifier && !_consts.ContainsKey(t.Text))
        {
            Next();
            if (Keywords.Contains(t.Text)) throw new SyntaxError(t.Pos, $"expected a type, found keyword '{t.Text}'");
            return new TypeRef(t.Pos, TypeKind.Enum, EnumName: t.Text);
        }

        int low = Bound();
        Expect("..");
        int high = Bound();
        return new TypeRef(t.Pos, TypeKind.Int, low, high);
    }

    private int Bound()
    {
        var t = Peek;
        if (t.Kind == TokenKind.Identifier)
        {
            Next();
            return _consts.TryGetValue(t.Text, out int v) ? v : throw new SyntaxError(t.Pos, $"unknown constant '{t.Text}' in a range");
        }

        return SignedInteger();
    }

    private int SignedInteger()
    {
        bool negative = Accept("-");
        var t = Next();
        if (t.Kind != TokenKind.Integer) throw new SyntaxError(t.Pos, $"expected a number, found {t.Describe()}");
        int v = int.Parse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture);
        return negative ? -v : v;
    }

    private ProcessDecl ParseProcess()
    {
        var pos = Next().Pos;
        string name = Identifier("a process name").Text;
        Expect("{");
        var states = new List<Named>();
        Named? initial = null;
        var transitions = new List<TransitionDecl>();
        while (!Accept("}"))
        {
            var t = Peek;
            if (t.Is("states"))
            {
                Next();
                states.Add(NamedIdentifier("a state name"));
                while (Accept(",")) states.Add(NamedIdentifier("a state name"));
                Expect(";");
            }
            else if (t.Is("initial"))
            {
                Next();
                if (initial is not null) throw new SyntaxError(t.Pos, $"process {name} has a second 'initial'");
                initial = NamedIdentifier("a state name");
                Expect(";");
            }
            else if (t.Kind == TokenKind.Identifier && !Keywords.Contains(t.Text)) transitions.Add(ParseTransition());
            else throw new SyntaxError(t.Pos, $"expected states, initial, a transition or '}}', found {t.Describe()}");
        }

        return new ProcessDecl(pos, name, states, initial, transitions);
    }

    private TransitionDecl ParseTransition()
    {
        var id = NamedIdentifier("a transition name");
        var parameters = new List<ParamDecl>();
        if (Accept("("))
        {
            do
            {
                var p = NamedIdentifier("a parameter name");
                Expect(":");
                parameters.Add(new ParamDecl(p.Pos, p.Name, ParseType()));
            }
            while (Accept(","));
            Expect(")");
        }

        Expect(":");
        var sources = new List<Named> { NamedIdentifier("a source state") };
        while (Accept(",")) sources.Add(NamedIdentifier("a source state"));
        Expect("->");
        var target = NamedIdentifier("a target state");
        Expr? guard = Accept("when") ? ParseExpression() : null;
        var assignments = new List<Assignment>();
        if (Accept("do"))
        {
            do
            {
                var v = NamedIdentifier("a variable");
                Expect(":=");
                assignments.Add(new Assignment(v.Pos, v.Name, ParseExpression()));
            }
            while (Accept(","));
        }

        Expect(";");
        return new TransitionDecl(id.Pos, id.Name, parameters, sources, target, guard, assignments);
    }

    private PropertyDecl ParseProperty()
    {
        var pos = Next().Pos;
        string name = Identifier("a property name").Text;
        bool fair = false;
        if (Accept("under"))
        {
            Expect("fairness");
            fair = true;
        }

        Expect(":");
        var formula = ParseExpression();
        Expect(";");
        return new PropertyDecl(pos, name, formula, fair);
    }

    private MonitorDecl ParseMonitor()
    {
        var pos = Next().Pos;
        Expect("by");
        string key = FieldPath();
        Expect("{");
        var rules = new List<MonitorRule>();
        while (!Accept("}"))
        {
            var on = Expect("on");
            var action = Next();
            if (action.Kind != TokenKind.String) throw new SyntaxError(action.Pos, $"expected the event action as a string, e.g. \"refund\", found {action.Describe()}");
            var conditions = new List<FieldCondition>();
            if (Accept("where"))
            {
                do
                {
                    var at = Peek.Pos;
                    string field = FieldPath();
                    bool equal = Peek.Is("==");
                    if (!equal) Expect("!=");
                    else Next();
                    var value = Next();
                    if (value.Kind != TokenKind.String) throw new SyntaxError(value.Pos, $"expected a string to compare {field} with, found {value.Describe()}");
                    conditions.Add(new FieldCondition(at, field, equal, value.Text));
                }
                while (Accept("&&"));
            }

            var steps = new List<MonitorStep>();
            if (Accept(";"))
            {
                // An event that only starts following its key (e.g. order-create: the order is in its initial state).
                rules.Add(new MonitorRule(on.Pos, action.Text, conditions, steps));
                continue;
            }

            Expect("->");
            do
            {
                var process = NamedIdentifier("a process name");
                Expect(".");
                string transition = Identifier("a transition name").Text;
                var bindings = new List<ParamBinding>();
                if (Accept("("))
                {
                    do
                    {
                        var p = NamedIdentifier("a parameter name");
                        Expect("=");
                        bindings.Add(new ParamBinding(p.Pos, p.Name, FieldPath()));
                    }
                    while (Accept(","));
                    Expect(")");
                }

                steps.Add(new MonitorStep(process.Pos, process.Name, transition, bindings));
            }
            while (Accept(","));
            Expect(";");
            rules.Add(new MonitorRule(on.Pos, action.Text, conditions, steps));
        }

        return new MonitorDecl(pos, key, rules);
    }

    private string FieldPath()
    {
        var parts = new List<string> { Word("an event field such as order.id") };
        while (Accept(".")) parts.Add(Word("an event field such as order.id"));
        return string.Join('.', parts);
    }

    // A field segment may be a keyword (event.outcome has none, but "event.action" and friends should not clash).
    private string Word(string what)
    {
        var t = Next();
        return t.Kind == TokenKind.Identifier ? t.Text : throw new SyntaxError(t.Pos, $"expected {what}, found {t.Describe()}");
    }

    // ---- expressions: <-> < -> < || < && < until/release < comparison < + - < unary < primary ----
    private Expr ParseExpression()
    {
        _nodes = 0;
        _depth = 0;
        return Iff();
    }

    private Expr Iff()
    {
        var left = Implies();
        while (Peek.Is("<->"))
        {
            var pos = Next().Pos;
            left = Node(new Binary(pos, BinaryOp.Iff, left, Implies()));
        }

        return left;
    }

    private Expr Implies()
    {
        var left = Or();
        if (!Peek.Is("->")) return left;
        var pos = Next().Pos;
        Enter(pos);
        var right = Implies();
        _depth--;
        return Node(new Binary(pos, BinaryOp.Implies, left, right));
    }

    private Expr Or()
    {
        var left = And();
        while (Peek.Is("||"))
        {
            var pos = Next().Pos;
            left = Node(new Binary(pos, BinaryOp.Or, left, And()));
        }

        return left;
    }

    private Expr And()
    {
        var left = UntilLevel();
        while (Peek.Is("&&"))
        {
            var pos = Next().Pos;
            left = Node(new Binary(pos, BinaryOp.And, left, UntilLevel()));
        }

        return left;
    }

    private Expr UntilLevel()
    {
        var left = Comparison();
        if (!Peek.Is("until") && !Peek.Is("release")) return left;
        var t = Next();
        Enter(t.Pos);
        var right = UntilLevel();
        _depth--;
        return Node(new Binary(t.Pos, t.Text == "until" ? BinaryOp.Until : BinaryOp.Release, left, right));
    }

    private Expr Comparison()
    {
        var left = Additive();
        BinaryOp? op = Peek.Kind == TokenKind.Symbol ? Peek.Text switch
        {
            "==" => BinaryOp.Eq,
            "!=" => BinaryOp.Ne,
            "<" => BinaryOp.Lt,
            "<=" => BinaryOp.Le,
            ">" => BinaryOp.Gt,
            ">=" => BinaryOp.Ge,
            _ => null,
        } : null;
        if (op is null) return left;
        var pos = Next().Pos;
        return Node(new Binary(pos, op.Value, left, Additive()));
    }

    private Expr Additive()
    {
        var left = UnaryLevel();
        while (Peek.Is("+") || Peek.Is("-"))
        {
            var t = Next();
            left = Node(new Binary(t.Pos, t.Text == "+" ? BinaryOp.Add : BinaryOp.Sub, left, UnaryLevel()));
        }

        return left;
    }

    private Expr UnaryLevel()
    {
        var t = Peek;
        UnaryOp? op = t.Text switch
        {
            "!" when t.Kind == TokenKind.Symbol => UnaryOp.Not,
            "-" when t.Kind == TokenKind.Symbol => UnaryOp.Negate,
            "[]" when t.Kind == TokenKind.Symbol => UnaryOp.Always,
            "<>" when t.Kind == TokenKind.Symbol => UnaryOp.Eventually,
            "always" when t.Kind == TokenKind.Identifier => UnaryOp.Always,
            "eventually" when t.Kind == TokenKind.Identifier => UnaryOp.Eventually,
            "next" when t.Kind == TokenKind.Identifier => UnaryOp.Next,
            _ => null,
        };
        if (op is null) return Primary();
        Next();
        Enter(t.Pos);
        // Temporal operators take a comparison, so "[] x <= 3" means "[] (x <= 3)"; ! and - take a unary.
        var operand = op is UnaryOp.Not or UnaryOp.Negate ? UnaryLevel() : Comparison();
        _depth--;
        return Node(new Unary(t.Pos, op.Value, operand));
    }

    private Expr Primary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.Integer:
                return Node(new IntLiteral(t.Pos, int.Parse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture)));
            case TokenKind.Identifier when t.Text is "true" or "false":
                return Node(new BoolLiteral(t.Pos, t.Text == "true"));
            case TokenKind.Identifier when !Keywords.Contains(t.Text):
                if (!Accept("@")) return Node(new NameRef(t.Pos, t.Text));
                return Node(new InState(t.Pos, t.Text, Identifier("a state name after '@'").Text));
            case TokenKind.Symbol when t.Text == "(":
                Enter(t.Pos);
                var inner = Iff();
                _depth--;
                Expect(")");
                return inner;
            default:
                throw new SyntaxError(t.Pos, $"expected an expression, found {t.Describe()}");
        }
    }

    private void Enter(SourcePos pos)
    {
        if (++_depth > MaxNesting) throw new SyntaxError(pos, $"expression nested more than {MaxNesting} levels deep");
    }

    private Expr Node(Expr e) =>
        ++_nodes > MaxExpressionNodes ? throw new SyntaxError(e.Pos, $"expression longer than {MaxExpressionNodes} terms") : e;

    // ---- tokens ----
    private bool Accept(string symbolOrWord)
    {
        if (!Peek.Is(symbolOrWord)) return false;
        _at++;
        return true;
    }

    private Token Expect(string symbolOrWord)
    {
        var t = Next();
        return t.Is(symbolOrWord) ? t : throw new SyntaxError(t.Pos, $"expected '{symbolOrWord}', found {t.Describe()}");
    }

    private Token Identifier(string what)
    {
        var t = Next();
        if (t.Kind != TokenKind.Identifier) throw new SyntaxError(t.Pos, $"expected {what}, found {t.Describe()}");
        if (Keywords.Contains(t.Text)) throw new SyntaxError(t.Pos, $"expected {what}, found keyword '{t.Text}'");
        return t;
    }

    private Named NamedIdentifier(string what)
    {
        var t = Identifier(what);
        return new Named(t.Pos, t.Text);
    }

    /// <summary>Unwinds the recursive descent to <see cref="TryParse"/>; never escapes the parser.</summary>
    private sealed class SyntaxError(SourcePos pos, string message) : Exception(message)
    {
        public SourcePos Pos { get; } = pos;
    }
}

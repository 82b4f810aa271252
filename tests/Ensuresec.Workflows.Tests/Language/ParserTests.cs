using Ensuresec.Workflows.Language;

namespace Ensuresec.Workflows.Tests.Language;

public sealed class ParserTests
{
    private const string Minimal = "workflow w;\nprocess P { states a, b; go: a -> b; }\n";

    private static IReadOnlyList<WorkflowError> Errors(string text)
    {
        var w = WorkflowLoader.Parse(text, "bad.wf", out var errors);
        w.ShouldBeNull();
        errors.ShouldNotBeEmpty();
        return errors;
    }

    [Fact]
    public void Parse_Minimal_OneProcessTwoStates()
    {
        var w = WorkflowLoader.Parse(Minimal, "ok.wf", out var errors);

        errors.ShouldBeEmpty();
        w!.Processes.Single().States.ShouldBe(["a", "b"]);
        w.Processes[0].Transitions.Single().Target.ShouldBe(1);
    }

    [Theory]
    [InlineData("workflow w\nprocess P { states a; }", 2, 1, "expected ';'")]
    [InlineData("workflow w;\nprocess P { states a, b; go: a -> ; }", 2, 35, "expected a target state")]
    [InlineData("workflow w;\nprocess P { states a; go: a -> a when (x == ; }", 2, 45, "expected an expression")]
    [InlineData("workflow w;\nvar x: 0..3 = 1;\nprocess P { states a; }\nproperty p: [] (x <= 3", 4, 23, "expected ')'")]
    [InlineData("workflow w;\nprocess P { states a; } $", 2, 25, "unexpected character '$'")]
    [InlineData("workflow w;\nmonitor by order.id { on refund -> P.go; }", 2, 26, "expected the event action as a string")]
    [InlineData("workflow w;\nvar x: 0..99999999999 = 0;", 2, 11, "too large")]
    [InlineData("workflow w;\nvar process: bool;", 2, 5, "keyword 'process'")]
    [InlineData("workflow w;\nprocess P { states a; go: a -> a when x == \"open; }", 2, 44, "string not closed")]
    [InlineData("", 1, 1, "expected 'workflow'")]
    [InlineData("workflow w;\nprocess P { states a;", 2, 22, "found end of file")]
    public void Parse_SyntaxError_NamesLineAndColumn(string text, int line, int column, string message)
    {
        var e = Errors(text).Single();

        e.File.ShouldBe("bad.wf");
        (e.Line, e.Column).ShouldBe((line, column));
        e.Message.ShouldContain(message);
        e.ToString().ShouldStartWith($"bad.wf:{line}:{column}: ");
    }

    [Theory]
    [InlineData("property p: [] (y > 0);", "undefined variable y")]
    [InlineData("property p: [] Q@a;", "undefined process Q")]
    [InlineData("property p: [] P@c;", "process P has no state c")]
    [InlineData("var x: bool;", "x is already defined as a variable at line 2")]
    [InlineData("process P { states z; }", "P is already defined as a process")]
    [InlineData("enum E { x, x }", "x is already defined as a enum member")]
    [InlineData("property p: [] x; property p: [] x;", "property p is defined twice")]
    [InlineData("var y: 3..1;", "empty range 3..1")]
    [InlineData("var y: 0..2000000;", "outside ±1000000")]
    [InlineData("var y: 0..3 = 4;", "initial value 4 of y is outside 0..3")]
    [InlineData("var y: Colour;", "undefined type Colour")]
    [InlineData("var y: 0..3 = x;", "must be a constant")]
    [InlineData("property p: [] (x + 1);", "[] needs a condition, not int")]
    [InlineData("property p: x - 1;", "property p must be a condition, not int")]
    [InlineData("property p: [] (x == true);", "cannot compare 0..3 with bool")]
    [InlineData("process Q { states s; t: s -> s when [] x > 0; }", "only allowed in properties")]
    [InlineData("process Q { states s; t: s -> s do z := 1; }", "undefined variable z")]
    [InlineData("process Q { states s; t: s -> s do x := true; }", "x is 0..3 but is assigned bool")]
    [InlineData("process Q { states s; t: s -> s do x := 1, x := 2; }", "x is assigned twice")]
    [InlineData("process Q { states s; t: s -> s; t: s -> s; }", "transition t of process Q is defined twice")]
    [InlineData("process Q { states s, s; }", "state s of process Q is defined twice")]
    [InlineData("process Q { states s; initial r; }", "initial state r is not a state of process Q")]
    [InlineData("process Q { states s; t(k: 0..9999, j: 0..9): s -> s; }", "parameter combinations")]
    [InlineData("process Q { states s; t(x: 0..1): s -> s; }", "parameter x hides the variable")]
    [InlineData("monitor by order.id { on \"refund\" -> P.nope; }", "process P has no transition nope")]
    [InlineData("monitor by order.id { on \"refund\" -> Z.go; }", "undefined process Z")]
    [InlineData("process Q { states s; t(k: 0..1): s -> s do x := k; }\nmonitor by order.id { on \"refund\" -> Q.t; }", "parameter k of Q.t is not bound")]
    public void Bind_SemanticError_Reported(string declarations, string message)
    {
        string text = "workflow w;\nvar x: 0..3;\nprocess P { states a, b; go: a -> b; }\n" + declarations + "\n";

        Errors(text).Select(e => e.Message).ShouldContain(m => m.Contains(message), string.Join("\n", Errors(text)));
    }

    [Fact]
    public void Bind_UndefinedVariableInProperty_PointsAtIt()
    {
        var e = Errors("workflow w;\nprocess P { states a; }\nproperty p: [] (P@a -> refunded <= 3);\n").Single();

        (e.Line, e.Column).ShouldBe((3, 24));
        e.Message.ShouldBe("undefined variable refunded");
    }

    [Fact]
    public void Bind_ManyErrors_AllReportedInOrder()
    {
        var errors = Errors("workflow w;\nprocess P { states a; t: a -> q do y := 1; }\nproperty p: [] z;\n");

        errors.Select(e => e.Line).ShouldBe([2, 2, 3]);
    }

    [Fact]
    public void Parse_DeepNesting_ErrorNotStackOverflow()
    {
        string deep = new string('(', 5000) + "true" + new string(')', 5000);

        Errors($"workflow w;\nprocess P {{ states a; }}\nproperty p: {deep};").Single().Message.ShouldContain("nested more than");
    }

    [Fact]
    public void Parse_HugeExpression_Rejected()
    {
        string sum = string.Join(" + ", Enumerable.Repeat("1", 2000));

        Errors($"workflow w;\nprocess P {{ states a; }}\nproperty p: [] ({sum} > 0);").Single().Message.ShouldContain("longer than");
    }

    [Fact]
    public void Parse_DeepTemporalNesting_Rejected()
    {
        string deep = string.Concat(Enumerable.Repeat("[] ", 500)) + "true";

        Errors($"workflow w;\nprocess P {{ states a; }}\nproperty p: {deep};").Single().Message.ShouldContain("nested more than");
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u202E")]
    [InlineData("é")]
    public void Parse_HostileCharacters_ClearError(string hostile)
    {
        Errors($"workflow w;\nprocess P {{ states a{hostile}; }}").Single().Message.ShouldStartWith("unexpected character");
    }

    [Fact]
    public void Parse_TruncatedAtEveryPoint_NeverThrows()
    {
        string text = File.ReadAllText(Path.Combine(Support.Examples.Dir, "order-to-cash.wf"));
        for (int cut = 0; cut < text.Length; cut += 7)
        {
            var w = WorkflowLoader.Parse(text[..cut], "cut.wf", out var errors);
            (w is null).ShouldBe(errors.Count > 0);
            errors.ShouldAllBe(e => e.Line >= 1 && e.Column >= 1);
        }
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrows()
    {
        var r = new Random(7);
        for (int i = 0; i < 300; i++)
        {
            var bytes = new byte[r.Next(0, 200)];
            r.NextBytes(bytes);
            WorkflowLoader.FromBytes(bytes, "noise.wf", out var errors).ShouldBeNull();
            errors.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public void Load_InvalidUtf8_NamesFile()
    {
        WorkflowLoader.FromBytes([(byte)'w', 0xC3, 0x28], "latin.wf", out var errors).ShouldBeNull();

        errors.Single().ToString().ShouldBe("latin.wf: not valid UTF-8");
    }

    [Fact]
    public void Load_Oversized_Rejected()
    {
        WorkflowLoader.FromBytes(new byte[WorkflowLoader.MaxFileBytes + 1], "big.wf", out var errors).ShouldBeNull();

        errors.Single().Message.ShouldContain("at most");
    }

    [Fact]
    public void Load_MissingFile_Reported()
    {
        WorkflowLoader.Load("/nonexistent/x.wf", out var errors).ShouldBeNull();

        errors.Single().Message.ShouldBe("file not found");
    }

    [Fact]
    public void Load_ByteOrderMark_Accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(Minimal)).ToArray();

        WorkflowLoader.FromBytes(bytes, "bom.wf", out var errors).ShouldNotBeNull();
    }

    [Fact]
    public void Parse_Precedence_TemporalTakesComparison()
    {
        var w = WorkflowLoader.Parse("workflow w;\nvar x: 0..3;\nprocess P { states a; }\nproperty p: [] x <= 3 -> <> P@a;\n", "p.wf", out _)!;

        w.Properties[0].Text.ShouldBe("([] (x <= 3)) -> (<> P@a)");
    }
}

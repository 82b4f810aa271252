namespace Ensuresec.Workflows.Language;

/// <summary>The type of a variable or parameter: a bounded integer, a boolean or an enum.</summary>
internal sealed record TypeRef(SourcePos Pos, TypeKind Kind, int Low = 0, int High = 1, string? EnumName = null)
{
    public override string ToString() => Kind switch
    {
        TypeKind.Int => $"{Low}..{High}",
        TypeKind.Bool => "bool",
        _ => EnumName!,
    };
}

internal enum TypeKind
{
    Int,
    Bool,
    Enum,
}

internal sealed record EnumDecl(SourcePos Pos, string Name, IReadOnlyList<Named> Members);

internal sealed record Named(SourcePos Pos, string Name);

internal sealed record ConstDecl(SourcePos Pos, string Name, int Value);

internal sealed record VarDecl(SourcePos Pos, string Name, TypeRef Type, Expr? Initial);

internal sealed record ParamDecl(SourcePos Pos, string Name, TypeRef Type);

internal sealed record Assignment(SourcePos Pos, string Target, Expr Value);

/// <summary><c>name(params): from, from -> to when guard do x := e, ...;</c></summary>
internal sealed record TransitionDecl(
    SourcePos Pos, string Name, IReadOnlyList<ParamDecl> Params, IReadOnlyList<Named> Sources, Named Target,
    Expr? Guard, IReadOnlyList<Assignment> Assignments);

internal sealed record ProcessDecl(SourcePos Pos, string Name, IReadOnlyList<Named> States, Named? Initial, IReadOnlyList<TransitionDecl> Transitions);

/// <summary>A property in LTL; <see cref="Fair"/> checks it under weak fairness of every process.</summary>
internal sealed record PropertyDecl(SourcePos Pos, string Name, Expr Formula, bool Fair);

/// <summary><c>on "action" where field == "value" -> Process.transition(param = field), ...;</c></summary>
internal sealed record MonitorRule(SourcePos Pos, string Action, IReadOnlyList<FieldCondition> Conditions, IReadOnlyList<MonitorStep> Steps);

internal sealed record FieldCondition(SourcePos Pos, string Field, bool Equal, string Value);

internal sealed record MonitorStep(SourcePos Pos, string Process, string Transition, IReadOnlyList<ParamBinding> Bindings);

internal sealed record ParamBinding(SourcePos Pos, string Param, string Field);

/// <summary><c>monitor by order.id { rules }</c>: how live events drive the workflow, one instance per key.</summary>
internal sealed record MonitorDecl(SourcePos Pos, string KeyField, IReadOnlyList<MonitorRule> Rules);

/// <summary>A parsed workflow file, before the semantic checks.</summary>
internal sealed record WorkflowSyntax(
    string Name, IReadOnlyList<EnumDecl> Enums, IReadOnlyList<ConstDecl> Consts, IReadOnlyList<VarDecl> Vars,
    IReadOnlyList<ProcessDecl> Processes, IReadOnlyList<PropertyDecl> Properties, MonitorDecl? Monitor);

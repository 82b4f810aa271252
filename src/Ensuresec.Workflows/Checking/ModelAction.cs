namespace Ensuresec.Workflows.Checking;

/// <summary>
/// One executable step: a transition with its parameters fixed. <see cref="Enabled"/> checks the source state,
/// the guard and that every assigned value stays in its variable's range (a step that would leave a range is
/// not enabled); <see cref="Apply"/> writes the successor (all right-hand sides read the old state).
/// </summary>
internal sealed record ModelAction(int Process, int Transition, IReadOnlyList<int> ParamValues, string Label, Func<int[], bool> Enabled, Action<int[], int[]> Apply);

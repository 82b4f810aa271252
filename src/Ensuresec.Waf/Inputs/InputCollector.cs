using Ensuresec.Waf.Model;

namespace Ensuresec.Waf.Inputs;

/// <summary>Collects the inputs of one request up to the argument limit, cutting over-long values.</summary>
internal sealed class InputCollector
{
    private readonly int _maxArguments;
    private readonly int _maxValueLength;

    public InputCollector(int maxArguments, int maxValueLength)
    {
        _maxArguments = maxArguments;
        _maxValueLength = maxValueLength;
    }

    public List<RequestInput> Inputs { get; } = [];

    public List<BodyProblem> Problems { get; } = [];

    public int Arguments { get; private set; }

    public bool TooManyArguments { get; private set; }

    public bool Truncated { get; private set; }

    public bool Full => TooManyArguments;

    public void Add(RequestInput input)
    {
        bool argument = input.Part is RequestPart.QueryValue or RequestPart.BodyValue;
        if (argument && ++Arguments > _maxArguments)
        {
            TooManyArguments = true;
            return;
        }

        if (input.Value.Length > _maxValueLength)
        {
            Truncated = true;
            input = input with { Value = input.Value[.._maxValueLength] };
        }

        Inputs.Add(input);
    }

    public void Problem(string ruleId, string message, string evidence) => Problems.Add(new BodyProblem(ruleId, message, evidence));

    public void Clear()
    {
        Inputs.Clear();
        Problems.Clear();
        Arguments = 0;
        TooManyArguments = false;
        Truncated = false;
    }
}

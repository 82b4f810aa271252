using System.Collections.Concurrent;
using Ensuresec.Response.Connectors;

namespace Ensuresec.Response.Tests.Execution;

/// <summary>
/// A connector (command type x-probe) for concurrency tests, built on events rather than wall-clock time:
/// <c>arrive NAME N</c> waits until N commands have arrived at NAME (in groups of N), <c>wait EVENT</c> waits
/// until the event is set, <c>set EVENT</c> sets it, <c>log TEXT</c> records TEXT, <c>count NAME</c> answers 1, 2,
/// 3, ... Waits give up after <see cref="Patience"/> so a run that cannot make progress fails instead of hanging.
/// </summary>
internal sealed class Probe(TimeSpan? patience = null) : ICommandConnector
{
    public const string Type = "x-probe";
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _events = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _inFlight;
    private int _maxInFlight;

    public TimeSpan Patience { get; } = patience ?? TimeSpan.FromSeconds(20);

    public ConcurrentQueue<string> Log { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public string CommandType => Type;

    public TaskCompletionSource Event(string name) => _events.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>For the test: wait until an event is set (fails the test after the patience).</summary>
    public Task Reached(string name) => Event(name).Task.WaitAsync(Patience);

    public async Task<CommandOutcome> ExecuteAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        string[] words = (request.Command.Command ?? "").Split(' ', 3);
        int now = Interlocked.Increment(ref _inFlight);
        lock (_gate) _maxInFlight = Math.Max(_maxInFlight, now);
        try
        {
            switch (words[0])
            {
                case "arrive":
                {
                    int n = int.Parse(words[2], System.Globalization.CultureInfo.InvariantCulture);
                    int index = _counters.AddOrUpdate(words[1], 1, (_, c) => c + 1) - 1;
                    int group = index / n;
                    if ((index + 1) % n == 0) Event($"{words[1]}#{group}").TrySetResult();
                    await Wait($"{words[1]}#{group}", cancellationToken);
                    return CommandOutcome.Ok($"arrived at {words[1]} ({index + 1})");
                }

                case "wait":
                    Event(words[1] + ":waiting").TrySetResult();
                    await Wait(words[1], cancellationToken);
                    return CommandOutcome.Ok($"{words[1]} seen");
                case "set":
                    Event(words[1]).TrySetResult();
                    return CommandOutcome.Ok($"{words[1]} set");
                case "log":
                    Log.Enqueue(words[1]);
                    Event("logged:" + words[1]).TrySetResult();
                    return CommandOutcome.Ok($"logged {words[1]}");
                case "count":
                {
                    int n = _counters.AddOrUpdate(words[1], 1, (_, c) => c + 1);
                    return CommandOutcome.Ok($"count {n}", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                default:
                    return CommandOutcome.Fail($"unknown probe command '{words[0]}'");
            }
        }
        catch (TimeoutException)
        {
            return CommandOutcome.Fail($"gave up waiting: {request.Command.Command}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private Task Wait(string name, CancellationToken ct) => Event(name).Task.WaitAsync(Patience, ct);
}

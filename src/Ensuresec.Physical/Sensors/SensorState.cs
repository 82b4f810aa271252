using Ensuresec.Physical.Common;
using Ensuresec.Physical.Telemetry;

namespace Ensuresec.Physical.Sensors;

/// <summary>What the sensor-integrity detector remembers of one sensor.</summary>
internal sealed class SensorState(string sensor, int replayLength)
{
    public string Sensor { get; } = sensor;
    public string? Vehicle { get; set; }
    public string? Atm { get; set; }
    public int Firings { get; set; }
    public DateTimeOffset? Last { get; set; }
    public long? LastSequence { get; set; }
    public double? LastValue { get; set; }
    public bool? LastState { get; set; }
    public GeoPoint? Position { get; set; }
    public DateTimeOffset? PositionAt { get; set; }
    public EvidenceIds Invalid { get; } = new();
    public DateTimeOffset? InvalidReportedAt { get; set; }
    public double? FrozenValue { get; set; }
    public EvidenceIds Frozen { get; } = new();
    public bool FrozenReported { get; set; }
    public Ring Recent { get; } = new(replayLength);
    public Dictionary<ulong, DateTimeOffset> Seen { get; } = [];
    public Queue<(ulong Signature, DateTimeOffset At)> SeenOrder { get; } = new();
    public DateTimeOffset? ReplayReportedAt { get; set; }

    /// <summary>The last N values, oldest first.</summary>
    internal sealed class Ring(int size)
    {
        private readonly double[] _values = new double[size];
        private int _next;
        private int _count;

        public bool Full => _count == _values.Length;

        public void Add(double v)
        {
            _values[_next] = v;
            _next = (_next + 1) % _values.Length;
            if (_count < _values.Length) _count++;
        }

        public IReadOnlyList<double> Snapshot()
        {
            var list = new List<double>(_count);
            for (int i = 0; i < _count; i++) list.Add(_values[(_next - _count + i + _values.Length) % _values.Length]);
            return list;
        }
    }
}

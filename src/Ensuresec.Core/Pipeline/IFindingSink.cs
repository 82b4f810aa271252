using Ensuresec.Core.Findings;

namespace Ensuresec.Core.Pipeline;

/// <summary>Where detectors put what they find.</summary>
public interface IFindingSink
{
    void Emit(Finding finding);
}

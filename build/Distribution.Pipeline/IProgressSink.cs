namespace Distribution.Pipeline;

/// <summary>Where long-running work reports its items (one per component and target, say).</summary>
public interface IProgressSink
{
    IProgressItem Start(string name);
}

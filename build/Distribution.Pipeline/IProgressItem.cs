namespace Distribution.Pipeline;

/// <summary>One item of work in progress; ends with <see cref="Done"/> or <see cref="Failed"/>.</summary>
public interface IProgressItem
{
    void Done(string status);

    void Failed(string status);
}

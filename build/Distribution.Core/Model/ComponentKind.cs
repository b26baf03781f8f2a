namespace Distribution.Core.Model;

/// <summary>The four kinds of component a bundle is made of.</summary>
public enum ComponentKind
{
    Core,
    Platform,
    Workspace,
    Extension,
}

namespace Distribution.Core.Model;

/// <summary>Stable bundles follow stable ones, LTS bundles LTS ones; custom ones (ad-hoc combinations) move no channel.</summary>
public enum BundleKind
{
    Stable,
    Lts,
    Custom,
}

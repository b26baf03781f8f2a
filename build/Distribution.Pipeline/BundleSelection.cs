using System.Collections.Immutable;
using Distribution.Core.Model;
using Distribution.Core.Versions;

namespace Distribution.Pipeline;

/// <summary>
/// Which bundle a phase works on, as the options name it (see <see cref="BundleSelector"/>): a bundle of
/// versions.toml (<see cref="Bundle"/>, default the newest stable), an ad-hoc combination (<see cref="Core"/>,
/// <see cref="Platform"/>, <see cref="Workspace"/>, <see cref="Extensions"/> as <c>name@version,…</c>), or with
/// <see cref="Newest"/> the newest tags the matrix allows. <see cref="Versions"/> is the versions file (default
/// version-management/versions.toml).
/// </summary>
public sealed record BundleSelection(
    string? Versions = null,
    string? Bundle = null,
    string? Core = null,
    string? Platform = null,
    string? Workspace = null,
    string? Extensions = null,
    bool Newest = false)
{
    /// <summary>The selection of an ad-hoc combination already checked against the matrix, under its own id.</summary>
    public static BundleSelection Of(BundleSpec spec, string? versions)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string? Version(ComponentId id)
            => spec.Components.FirstOrDefault(component => component.Component == id)?.Version.ToNormalizedString();
        var pins = spec.Components.Where(component => component.Component.Kind == ComponentKind.Extension)
            .Select(component => $"{component.Component.Name}@{component.Version.ToNormalizedString()}").ToImmutableArray();
        return new BundleSelection(
            versions,
            spec.Id,
            Version(ComponentId.Core),
            Version(ComponentId.Platform),
            Version(ComponentId.Workspace),
            pins.IsEmpty ? null : string.Join(',', pins));
    }

    /// <summary>The command-line options that select the same bundle, for the lines that say how to run a step by hand.</summary>
    public ImmutableArray<string> ToArguments()
    {
        var arguments = ImmutableArray.CreateBuilder<string>();
        void Add(string option, string? value)
        {
            if (value is not null)
            {
                arguments.AddRange(option, value);
            }
        }

        Add("--bundle", Bundle);
        Add("--core", Core);
        Add("--platform", Platform);
        Add("--workspace", Workspace);
        Add("--extensions", Extensions);
        if (Newest)
        {
            arguments.Add("--newest");
        }

        Add("--versions", Versions);
        return arguments.ToImmutable();
    }

    /// <summary>Whether the options name versions (an ad-hoc combination) rather than only a bundle.</summary>
    public bool NamesVersions => (Core ?? Platform ?? Workspace ?? Extensions) is not null;
}

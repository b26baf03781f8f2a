using System.Collections.Immutable;
using System.Text.Json;
using Distribution.Core.Model;
using Distribution.Core.Versions;

namespace Distribution.Core.Contract;

/// <summary>
/// What a component needs of the other components installed beside it: component id → Cargo requirement (today the
/// <c>core-version</c> of an extension's, the platform's or the workspace's own manifest, as <c>core</c>).
/// bundle.json and index.json carry it twice, in one record line: <c>"requires"</c> as written (for messages) and
/// <c>"requiresBounds"</c> lowered to comparators on full versions (<c>&gt;=3.2.0,&lt;4.0.0</c>, plus
/// <c>pre=M.m.p</c> for each pre-release a comparator opts in to), which the installers evaluate without a Cargo parser
/// (docs/formats.md). The reader recomputes the bounds and refuses a file whose bounds say anything else.
/// </summary>
public static class ComponentRequirements
{
    public static ImmutableSortedDictionary<string, string> None { get; } =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The requirements of a component whose manifest names <paramref name="coreVersion"/> (none for null).</summary>
    public static ImmutableSortedDictionary<string, string> OnCore(string? coreVersion) =>
        coreVersion is null ? None : None.Add(ComponentId.Core.Id, coreVersion.Trim());

    /// <summary>
    /// The lowered form of a requirement: its lower bound, its upper bound when it has one, and a <c>pre=</c> entry per
    /// pre-release opt-in, comma-separated (<c>^3.2</c> → <c>&gt;=3.2.0,&lt;4.0.0</c>; <c>*</c> → <c>&gt;=0.0.0</c>).
    /// A version satisfies it when it lies within the bounds and, if it is a pre-release, a <c>pre=</c> entry names its
    /// MAJOR.MINOR.PATCH — <see cref="SemverRequirement.IsSatisfiedBy"/>, except that Cargo's partial versions admit no
    /// pre-release of the version they stop at even when another comparator opts in to it (<c>&gt;1.0.0-alpha, &lt;1.0</c>
    /// admits no 1.0.0-beta; these bounds do), a case the bounds cannot say.
    /// </summary>
    public static string Bounds(string requirement)
    {
        var parsed = SemverRequirement.Parse(requirement);
        var range = parsed.Range;
        var parts = new List<string>();
        if (range.HasLowerBound)
        {
            parts.Add((range.IsMinInclusive ? ">=" : ">") + range.MinVersion!.ToNormalizedString());
        }

        if (range.HasUpperBound)
        {
            parts.Add((range.IsMaxInclusive ? "<=" : "<") + range.MaxVersion!.ToNormalizedString());
        }

        parts.AddRange(parsed.PrereleaseOptIns
            .Select(optIn => $"pre={optIn.Major}.{optIn.Minor}.{optIn.Patch}")
            .Distinct(StringComparer.Ordinal));
        return string.Join(',', parts);
    }

    /// <summary>The two JSON members, <c>"requires":{…},"requiresBounds":{…}</c>, in key order.</summary>
    public static string RenderMembers(ImmutableSortedDictionary<string, string> requires)
    {
        ArgumentNullException.ThrowIfNull(requires);
        return $"\"requires\":{Map(requires, pair => pair.Value)},\"requiresBounds\":{Map(requires, pair => Bounds(pair.Value))}";
    }

    /// <summary>
    /// Reads <c>requires</c> (absent in files written before requirements were carried: none) and checks
    /// <c>requiresBounds</c> against it.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> Read(JsonElement item, string file, string code, string where)
    {
        if (!item.TryGetProperty("requires", out _))
        {
            return item.TryGetProperty("requiresBounds", out _)
                ? throw ContractJson.Error(file, code, $"{where}: requiresBounds without requires")
                : None;
        }

        var requires = None;
        foreach (var property in ContractJson.Property(item, "requires", JsonValueKind.Object, file, code, where).EnumerateObject())
        {
            if (ComponentId.TryParse(property.Name) is null)
            {
                throw ContractJson.Error(file, code, $"{where}: requires names '{property.Name}', which is not a component id");
            }

            var text = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw ContractJson.Error(file, code, $"{where}: the requirement on '{property.Name}' is not a string");
            if (!SemverRequirement.TryParse(text, out _, out var error))
            {
                throw ContractJson.Error(file, code, $"{where}: the requirement '{text}' on '{property.Name}' is not one: {error}");
            }

            requires = requires.SetItem(property.Name, text);
        }

        var bounds = ContractJson.Property(item, "requiresBounds", JsonValueKind.Object, file, code, where).EnumerateObject()
            .ToDictionary(
                property => property.Name,
                property => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null,
                StringComparer.Ordinal);
        var wrong = requires.FirstOrDefault(pair => !bounds.TryGetValue(pair.Key, out var given) || given != Bounds(pair.Value));
        if (wrong.Key is not null || bounds.Count != requires.Count)
        {
            throw ContractJson.Error(
                file,
                code,
                $"{where}: requiresBounds does not say what requires says"
                + (wrong.Key is null ? string.Empty : $" ('{wrong.Key}' needs '{Bounds(wrong.Value)}')"));
        }

        return requires;
    }

    public static bool AreEqual(ImmutableSortedDictionary<string, string> left, ImmutableSortedDictionary<string, string> right) =>
        left.Count == right.Count && left.All(pair => right.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static string Map(ImmutableSortedDictionary<string, string> requires, Func<KeyValuePair<string, string>, string> value) =>
        "{" + string.Join(',', requires.Select(pair => $"{ContractJson.Quote(pair.Key)}:{ContractJson.Quote(value(pair))}")) + "}";
}

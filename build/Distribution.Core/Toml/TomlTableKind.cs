namespace Distribution.Core.Toml;

/// <summary>How a table came to be, which decides what the TOML rules let later lines add to it.</summary>
public enum TomlTableKind
{
    /// <summary>The document's root table.</summary>
    Root,

    /// <summary>Opened by a <c>[header]</c>.</summary>
    Header,

    /// <summary>Created on the way to another table (<c>[a.b]</c> creates <c>a</c>) and not yet defined by a header of its own.</summary>
    Implicit,

    /// <summary>Created by a dotted key (<c>a.b = 1</c> creates <c>a</c>).</summary>
    Dotted,

    /// <summary>An inline table <c>{ … }</c>: closed, nothing can be added to it later.</summary>
    Inline,

    /// <summary>One element of an array of tables (<c>[[name]]</c>).</summary>
    ArrayElement,
}

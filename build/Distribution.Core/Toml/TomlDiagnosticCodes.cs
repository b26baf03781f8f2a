namespace Distribution.Core.Toml;

/// <summary>The diagnostic codes of the TOML reader, writer and editor (see docs/toml.md).</summary>
public static class TomlDiagnosticCodes
{
    /// <summary>Syntax: something other than what the grammar allows at this place.</summary>
    public const string Syntax = "TOML001";

    /// <summary>The bytes are not UTF-8 (or a UTF-16 string holds a lone surrogate).</summary>
    public const string Encoding = "TOML002";

    /// <summary>A key is defined twice in the same table.</summary>
    public const string DuplicateKey = "TOML003";

    /// <summary>A table or array of tables is defined twice, or added to after it was closed.</summary>
    public const string Redefinition = "TOML004";

    /// <summary>A string is malformed: bad escape, newline in a one-line string, unterminated.</summary>
    public const string String = "TOML005";

    /// <summary>A number is malformed or out of the 64-bit range.</summary>
    public const string Number = "TOML006";

    /// <summary>A date or time is malformed or out of range.</summary>
    public const string DateTime = "TOML007";

    /// <summary>A control character where TOML does not allow one.</summary>
    public const string ControlCharacter = "TOML008";

    /// <summary>Arrays, inline tables or keys nested deeper than the reader allows.</summary>
    public const string TooDeep = "TOML009";

    /// <summary>Too many errors: the tolerant reader stopped reporting.</summary>
    public const string TooManyErrors = "TOML010";

    /// <summary>The editor cannot make the change asked for (the table exists already, the result would not parse…).</summary>
    public const string Edit = "TOML011";

    /// <summary>The writer was given a value TOML cannot hold (a string with a lone surrogate, a date before year 1…).</summary>
    public const string Unwritable = "TOML012";
}

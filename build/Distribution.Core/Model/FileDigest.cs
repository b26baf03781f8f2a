using System.Globalization;

namespace Distribution.Core.Model;

/// <summary>What identifies a file's bytes: its size and lower-case hex SHA-256.</summary>
public sealed record FileDigest(long Size, string Sha256)
{
    public override string ToString() => $"sha256 {Sha256} ({Size.ToString(CultureInfo.InvariantCulture)} bytes)";
}

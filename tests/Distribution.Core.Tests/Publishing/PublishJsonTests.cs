using Distribution.Core.Contract;
using Distribution.Core.Publishing;

namespace Distribution.Core.Tests.Publishing;

public sealed class PublishJsonTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData("say \"hi\"\\ now", "\"say \\\"hi\\\"\\\\ now\"")]
    [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    [InlineData("<b> & 'q' + é ✓", "\"<b> & 'q' + é ✓\"")]
    [InlineData("\u0001", "\"\\u0001\"")]
    public void Quote_writes_a_json_string_literal_that_keeps_readable_characters(string value, string expected)
    {
        Assert.Equal(expected, ContractJson.Quote(value));
    }
}

using Distribution.Core.Diagnostics;
using Distribution.Core.Toml;
using Distribution.Testing;

namespace Distribution.Core.Tests.Toml;

public sealed class TomlEditorTests
{
    private const string Versions = """
        # Compatibility matrix: edited by release engineers and by the tool.

        [tools]
        nu   =   "0.99.0"   # pinned until the KCL upgrade
        kcl = "0.10"

        # Bundles, newest last.
        [bundles."stable-3.1"]
          core = "3.1.4"
          platform = { version = "3.1.0", features = ["api"] }

        [bundles."stable-3.2"]
          core = "3.2.1"

        [bundles."stable-3.2".notes]
          summary = "Second minor"

        # Everything below is generated.
        [lock]
        hash = "abc"

        """;

    public static TheoryData<string> ValidCases => TomlSuite.Rows("valid");

    [SkipUnlessTheory(Folder = TomlSuite.Folder)]
    [MemberData(nameof(ValidCases))]
    public void Adding_a_root_key_or_a_table_to_any_conformance_file_only_inserts_text(string name)
    {
        var text = File.ReadAllText(TomlSuite.FullPath(name));
        var document = TomlParser.Parse(text, name);

        var withKey = TomlEditor.SetValue(text, [], "added-key", new TomlInteger(7));
        var withTable = TomlEditor.AppendTable(text, ["added", "table"], [new TomlEntry("k", new TomlString("v"))], "added");

        AssertOnlyInserted(text, withKey);
        AssertOnlyInserted(text, withTable);
        Assert.Equal(new TomlTable([.. document.Entries, new TomlEntry("added-key", new TomlInteger(7))]), TomlParser.Parse(withKey, name));
        Assert.Equal(new TomlString("v"), TomlParser.Parse(withTable, name).Find("added", "table", "k"));
        Assert.Equal(document.Count + 1, TomlParser.Parse(withTable, name).Count);
    }

    [Fact]
    public void Replacing_a_value_changes_only_the_value_text()
    {
        var edited = TomlEditor.SetValue(Versions, ["tools"], "nu", new TomlString("0.99.1"));

        Assert.Equal(
            Versions.Replace("nu   =   \"0.99.0\"   # pinned", "nu   =   \"0.99.1\"   # pinned", StringComparison.Ordinal), edited);
    }

    [Fact]
    public void A_new_key_goes_after_the_last_key_of_its_table_indented_like_it()
    {
        var edited = TomlEditor.SetValue(
            Versions, ["bundles", "stable-3.1"], "extensions", new TomlTable([new TomlEntry("version", new TomlString("3.1.2"))]));

        Assert.Equal(
            Versions.Replace(
                "  platform = { version = \"3.1.0\", features = [\"api\"] }\n",
                "  platform = { version = \"3.1.0\", features = [\"api\"] }\n  extensions = { version = \"3.1.2\" }\n",
                StringComparison.Ordinal),
            edited);
        Assert.Equal(
            "3.1.2", ((TomlString)TomlParser.Parse(edited, "v.toml").Find("bundles", "stable-3.1", "extensions", "version")!).Value);
    }

    [Fact]
    public void Appending_a_table_puts_it_after_the_last_table_with_the_same_parent_and_its_sub_tables()
    {
        var edited = TomlEditor.AppendTable(
            Versions,
            ["bundles", "4.0.0"],
            [
                new TomlEntry("core", new TomlString("4.0.0")),
                new TomlEntry("channels", new TomlArray([new TomlString("stable"), new TomlString("lts")]))],
            "Added by provisioning-dist\nreviewed by the release engineer");

        Assert.Equal(
            Versions.Replace(
                "  summary = \"Second minor\"\n",
                """
                  summary = "Second minor"

                # Added by provisioning-dist
                # reviewed by the release engineer
                [bundles."4.0.0"]
                core = "4.0.0"
                channels = ["stable", "lts"]

                """,
                StringComparison.Ordinal),
            edited);
    }

    [Fact]
    public void Setting_a_key_in_a_missing_table_appends_the_table_where_AppendTable_would()
    {
        var edited = TomlEditor.SetValue(Versions, ["bundles", "stable-4"], "core", new TomlString("4.0.0"));

        Assert.Equal(
            Versions.Replace(
                "  summary = \"Second minor\"\n",
                "  summary = \"Second minor\"\n\n[bundles.stable-4]\ncore = \"4.0.0\"\n",
                StringComparison.Ordinal),
            edited);
    }

    [Fact]
    public void A_table_with_no_sibling_goes_at_the_end_of_a_file_without_a_final_line_break()
    {
        var edited = TomlEditor.AppendTable("a = 1\n[x]\ny = 2", ["z", "w"], [new TomlEntry("k", new TomlBoolean(true))]);

        Assert.Equal("a = 1\n[x]\ny = 2\n\n[z.w]\nk = true\n", edited);
    }

    [Fact]
    public void A_new_root_key_goes_after_the_root_keys_or_above_the_first_table_and_its_comment()
    {
        Assert.Equal("a = 1\nb = 2\n\n[t]\n", TomlEditor.SetValue("a = 1\n\n[t]\n", [], "b", new TomlInteger(2)));
        Assert.Equal(
            "# header\n\nb = 2\n\n# about t\n[t]\n", TomlEditor.SetValue("# header\n\n# about t\n[t]\n", [], "b", new TomlInteger(2)));
        Assert.Equal("b = 2\n", TomlEditor.SetValue(string.Empty, [], "b", new TomlInteger(2)));
    }

    [Fact]
    public void Crlf_files_stay_crlf_and_every_other_byte_is_kept()
    {
        var crlf = Versions.ReplaceLineEndings("\r\n");

        var edited = TomlEditor.SetValue(crlf, ["tools"], "just", new TomlString("1.36"));
        edited = TomlEditor.AppendTable(edited, ["bundles", "stable-3.3"], [new TomlEntry("core", new TomlString("3.3.0"))], "new");

        Assert.Equal(
            Versions
                .Replace("kcl = \"0.10\"\n", "kcl = \"0.10\"\njust = \"1.36\"\n", StringComparison.Ordinal)
                .Replace(
                    "  summary = \"Second minor\"\n",
                    "  summary = \"Second minor\"\n\n# new\n[bundles.\"stable-3.3\"]\ncore = \"3.3.0\"\n",
                    StringComparison.Ordinal)
                .ReplaceLineEndings("\r\n"),
            edited);
    }

    [Fact]
    public void A_byte_order_mark_stays_the_first_character_whatever_is_inserted()
    {
        const string Bom = "\uFEFF";
        var crlf = Bom + Versions.ReplaceLineEndings("\r\n");

        Assert.Equal(Bom + "b = 2\n\n# header\n[t]\n", TomlEditor.SetValue(Bom + "# header\n[t]\n", [], "b", new TomlInteger(2)));
        Assert.Equal(Bom + "b = 2\n", TomlEditor.SetValue(Bom, [], "b", new TomlInteger(2)));
        Assert.Equal(Bom + "[t]\nb = 2\n", TomlEditor.AppendTable(Bom, ["t"], [new TomlEntry("b", new TomlInteger(2))]));
        Assert.Equal(Bom + "a = 1\n\n[t]\nb = 2\n", TomlEditor.SetValue(Bom + "a = 1\n", ["t"], "b", new TomlInteger(2)));
        Assert.Equal(
            Bom + Versions
                .Replace("kcl = \"0.10\"\n", "kcl = \"0.10\"\njust = \"1.36\"\n", StringComparison.Ordinal)
                .ReplaceLineEndings("\r\n"),
            TomlEditor.SetValue(crlf, ["tools"], "just", new TomlString("1.36")));
    }

    [Fact]
    public void Appending_an_existing_table_throws_naming_where_it_is()
    {
        var exception = Assert.Throws<TomlException>(() => TomlEditor.AppendTable(
            Versions, ["bundles", "stable-3.2"], [], file: "versions.toml"));

        Assert.Equal(
            "versions.toml(12,1): error TOML011: the table [bundles.\"stable-3.2\"] "
                + "already exists — change its keys with SetValue instead",
            exception.Message);
    }

    [Fact]
    public void Keys_that_need_quotes_are_quoted_in_headers_and_key_lines()
    {
        var edited = TomlEditor.SetValue("[bundles]\n", ["bundles"], "4.0.0", new TomlString("x"));

        Assert.Equal("[bundles]\n\"4.0.0\" = \"x\"\n", edited);
    }

    [Fact]
    public void Edits_the_rules_forbid_are_refused_and_the_text_is_not_changed()
    {
        const string text = "a.b = 1\n[t]\nc.d = 2\n[[arr]]\nx = 1\n";

        Assert.Equal(
            DiagnosticCodes.Toml.Edit,
            Assert.Throws<TomlException>(() => TomlEditor.SetValue(text, ["a"], "z", new TomlInteger(1))).Diagnostic.Code);
        Assert.Equal(
            DiagnosticCodes.Toml.Edit,
            Assert.Throws<TomlException>(() => TomlEditor.SetValue(text, ["t"], "c", new TomlInteger(1))).Diagnostic.Code);
        Assert.Equal(
            DiagnosticCodes.Toml.Edit,
            Assert.Throws<TomlException>(() => TomlEditor.SetValue(text, ["arr"], "y", new TomlInteger(1))).Diagnostic.Code);
        Assert.Equal(
            DiagnosticCodes.Toml.Edit, Assert.Throws<TomlException>(() => TomlEditor.AppendTable(text, ["a", "b"], [])).Diagnostic.Code);
    }

    [Fact]
    public void An_invalid_file_is_reported_with_its_position_and_not_edited()
    {
        var exception = Assert.Throws<TomlException>(() => TomlEditor.SetValue(
            "[t]\nx = \n", ["t"], "y", new TomlInteger(1), "versions.toml"));

        Assert.Equal(new SourceLocation("versions.toml", 2, 5, 1), exception.Location);
    }

    [Fact]
    public void Replacing_a_multi_line_value_replaces_its_whole_span()
    {
        const string text = "[t]\nlist = [\n  1, # one\n  2,\n]  # end\nafter = true\n";

        var edited = TomlEditor.SetValue(text, ["t"], "list", new TomlArray([new TomlInteger(3)]));

        Assert.Equal("[t]\nlist = [3]  # end\nafter = true\n", edited);
    }

    private static void AssertOnlyInserted(string original, string edited)
    {
        var prefix = 0;
        while (prefix < original.Length && original[prefix] == edited[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < original.Length - prefix && original[^(suffix + 1)] == edited[^(suffix + 1)])
        {
            suffix++;
        }

        Assert.True(prefix + suffix == original.Length, $"the edit changed existing text:\n{edited}");
    }
}

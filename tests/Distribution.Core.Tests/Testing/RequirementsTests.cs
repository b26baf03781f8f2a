using Distribution.Testing;

namespace Distribution.Core.Tests.Testing;

public sealed class RequirementsTests
{
    [Fact]
    public void On_Windows_a_program_is_found_by_a_PATHEXT_extension_never_as_the_extensionless_npm_shim()
    {
        using var temp = new TempDirectory("req");
        var bin = Directory.CreateDirectory(temp.Combine("bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "nu"), "#!/bin/sh\n");
        File.WriteAllText(Path.Combine(bin, "nu.cmd"), "@echo off\n");
        var onlyShim = Directory.CreateDirectory(temp.Combine("shim")).FullName;
        File.WriteAllText(Path.Combine(onlyShim, "nu"), "#!/bin/sh\n");

        Assert.Equal(Path.Combine(bin, "nu.cmd"), Requirements.FindProgram("nu", [onlyShim, bin], ".COM;.EXE;.BAT;.CMD"));
        Assert.Null(Requirements.FindProgram("nu", [onlyShim], Requirements.DefaultPathExt));
    }

    [Fact]
    public void On_Windows_a_name_that_has_an_executable_extension_is_looked_up_as_it_is()
    {
        using var temp = new TempDirectory("req");
        File.WriteAllText(temp.Combine("pwsh.exe"), string.Empty);

        Assert.Equal(temp.Combine("pwsh.exe"), Requirements.FindProgram("pwsh.exe", [temp.Path], ".EXE;.CMD"));
        Assert.Equal(temp.Combine("pwsh.exe"), Requirements.FindProgram("pwsh", [temp.Path], ".EXE;.CMD"));
    }

    [Fact]
    public void On_Unix_a_program_is_the_file_of_its_own_name_in_the_first_folder_that_has_it()
    {
        using var temp = new TempDirectory("req");
        var first = Directory.CreateDirectory(temp.Combine("first")).FullName;
        var second = Directory.CreateDirectory(temp.Combine("second")).FullName;
        File.WriteAllText(Path.Combine(first, "nu.cmd"), string.Empty);
        File.WriteAllText(Path.Combine(second, "nu"), string.Empty);

        Assert.Equal(Path.Combine(second, "nu"), Requirements.FindProgram("nu", [first, second], pathExt: null));
        Assert.Null(Requirements.FindProgram("dash", [first, second], pathExt: null));
    }

    [Fact]
    public void Unix_only_tests_skip_with_the_reason_on_Windows_and_run_elsewhere_unless_a_program_is_missing()
    {
        var attribute = new UnixOnlyFactAttribute("install.sh needs a POSIX sh");
        var theory = new UnixOnlyTheoryAttribute("chmod");
        var withProgram = new UnixOnlyFactAttribute("chmod") { Program = "no-such-program-here" };

        if (OperatingSystem.IsWindows())
        {
            Assert.Equal("Unix only: install.sh needs a POSIX sh; this is Windows", attribute.Skip);
            Assert.Equal("Unix only: chmod; this is Windows", theory.Skip);
            Assert.Equal("Unix only: chmod; this is Windows", withProgram.Skip);
        }
        else
        {
            Assert.Null(attribute.Skip);
            Assert.Null(theory.Skip);
            Assert.Equal(
                "'no-such-program-here' is not installed (./build.sh --target=Test installs it); this test needs it", withProgram.Skip);
        }
    }
}

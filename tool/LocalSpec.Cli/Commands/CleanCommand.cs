using System.CommandLine;
using System.Globalization;
using LocalSpec.Pipeline;

namespace LocalSpec.Cli.Commands;

/// <summary><c>localspec clean</c>: empties the artifact store, or with --unused removes what no localspec.lock references.</summary>
public static class CleanCommand
{
    public static Command Build()
    {
        var directories = new Argument<string[]>("directory") { Description = "Directories of manifests whose localspec.lock files name the artifacts in use (default: .)", Arity = ArgumentArity.ZeroOrMore };
        var unused = new Option<bool>("--unused") { Description = "Remove only artifacts that no localspec.lock in the directories references" };
        var store = ManifestArguments.Store();
        var command = new Command("clean", "Remove cached artifacts (all, or with --unused those no localspec.lock references) and leftovers of interrupted runs");
        command.Arguments.Add(directories);
        command.Options.Add(unused);
        command.Options.Add(store);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            string[] dirs = parse.GetValue(directories) is { Length: > 0 } d ? d : ["."];
            var workspace = Workspace.Locate(dirs[0], parse.GetValue(store));
            var keys = new HashSet<string>(StringComparer.Ordinal);
            if (parse.GetValue(unused))
            {
                var locks = dirs.Select(d => Path.Combine(d, LockFile.FileName)).Where(File.Exists).ToArray();
                if (locks.Length == 0)
                {
                    // Without a lock file every artifact would look unused: refuse rather than empty the store by accident.
                    parse.InvocationConfiguration.Error.WriteLine(
                        $"localspec: error: no {LockFile.FileName} in {string.Join(", ", dirs)}; name the folders of your manifests (e.g. experiments/)");
                    return ExitCodes.InputError;
                }
                foreach (string path in locks) keys.UnionWith(LockFile.Read(path).ReferencedKeys);
            }
            int temps = workspace.Store.CleanTemp();
            var removal = workspace.Store.RemoveUnreferenced(keys);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"removed {removal.Count} artifact(s), {removal.Bytes / 1048576.0:F1} MiB, from {workspace.Store.Root}{(temps > 0 ? $" and {temps} leftover temporary folder(s)" : "")}"));
            return ExitCodes.Success;
        });
        return command;
    }
}

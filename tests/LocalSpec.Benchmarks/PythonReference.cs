using System.Diagnostics;
using System.Text.Json;
using LocalSpec.Numerics;

namespace LocalSpec.Benchmarks;

/// <summary>
/// Runs a reference script (tools/reference/*.py) with Debian's /usr/bin/python3 before the
/// benchmarks, in the same run, and hands back the one JSON object it prints.
/// </summary>
public static class PythonReference
{
    public const string Python = "/usr/bin/python3";

    /// <summary>False (with the reason printed) when the interpreter is missing.</summary>
    public static bool Available(string what)
    {
        if (File.Exists(Python)) return true;
        Console.WriteLine($"// {what} reference skipped: {Python} not found (apt-get install python3-torch python3-sklearn python3-scipy)");
        return false;
    }

    /// <summary>The script's JSON output, or null (with its last error line printed) when it failed.</summary>
    public static JsonElement? Run(string label, string script, IEnumerable<string> arguments, Action<IDictionary<string, string?>>? configure = null)
    {
        var start = new ProcessStartInfo(Python, [script, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        configure?.Invoke(start.Environment);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"// reference '{label}' failed: {stderr.Result.Trim().Split('\n')[^1]}");
            return null;
        }
        Console.WriteLine($"// reference '{label}': {stdout.Trim()}");
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.Clone();
    }

    /// <summary>
    /// A folder holding libblas.so.3 → the OpenBLAS LocalSpec uses, to put in front with
    /// LD_LIBRARY_PATH (Debian's numpy and torch link the generic libblas.so.3); null without OpenBLAS.
    /// </summary>
    public static string? OpenBlasShim()
    {
        if (BlasProvider.OpenBlas.Blas?.Path is not { } openBlas) return null;
        string shim = Directory.CreateTempSubdirectory("localspec-reference-blas-").FullName;
        File.CreateSymbolicLink(Path.Combine(shim, "libblas.so.3"), openBlas);
        return shim;
    }
}

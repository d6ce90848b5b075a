using System.Diagnostics;
using System.Security.Cryptography;

namespace LocalSpec.Numerics;

/// <summary>
/// Fetches and unpacks a Debian binary package without root: <c>apt-cache show</c> for the
/// candidate's version and SHA-256, <c>apt-get download</c>, a checksum check, <c>dpkg-deb -x</c>.
/// Uses the clients by package name only; <see cref="Lists"/> says which package lists they read.
/// </summary>
internal sealed record DebianPackage(string Name, string Version, string Sha256, AptLists Lists)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Whether apt-get, apt-cache and dpkg-deb are on PATH; null when they are, else what is missing.</summary>
    public static string? MissingTools()
    {
        string[] missing = ["apt-get", "apt-cache", "dpkg-deb"];
        missing = missing.Where(tool => FindOnPath(tool) is null).ToArray();
        return missing.Length == 0 ? null : $"{string.Join(", ", missing)} not found on PATH";
    }

    /// <summary>
    /// The candidate version apt would install, from the system's package lists when they know
    /// <paramref name="name"/>, else from LocalSpec's own lists in <paramref name="privateLists"/>
    /// (fetched when missing, refreshed once when they do not know the package).
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither list knows the package (the message says why for each).</exception>
    public static DebianPackage Find(string name, string privateLists) =>
        AptLists.WithFallback(privateLists, lists => Query(name, lists));

    /// <summary>The candidate version in <paramref name="lists"/>, with its SHA256 field.</summary>
    /// <exception cref="InvalidOperationException">apt-cache does not know the package or gives no checksum.</exception>
    public static DebianPackage Query(string name, AptLists lists)
    {
        string stanza = Run("apt-cache", [.. lists.Options, "show", "--no-all-versions", name], workingDirectory: null, QueryTimeout);
        string? version = Field(stanza, "Version"), sha256 = Field(stanza, "SHA256");
        if (version is null || sha256 is null)
            throw new InvalidOperationException($"apt-cache show {name} gave no Version/SHA256 (run apt-get update?)");
        return new DebianPackage(name, version, sha256.ToLowerInvariant(), lists);
    }

    /// <summary>
    /// Downloads the .deb into <paramref name="directory"/>, checks its SHA-256 against
    /// <see cref="Sha256"/>, and extracts it into <paramref name="extractTo"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Download, checksum or extraction failed.</exception>
    public void DownloadAndExtract(string directory, string extractTo)
    {
        Directory.CreateDirectory(directory);
        Run("apt-get", [.. Lists.Options, "download", $"{Name}={Version}"], directory, DownloadTimeout);
        string deb = Directory.GetFiles(directory, $"{Name}_*.deb").SingleOrDefault()
            ?? throw new InvalidOperationException($"apt-get download {Name}={Version} produced no {Name}_*.deb");
        string actual = HashFile(deb);
        if (actual != Sha256)
            throw new InvalidOperationException($"{Path.GetFileName(deb)} has SHA-256 {actual}, but apt-cache lists {Sha256}; not extracted");
        Directory.CreateDirectory(extractTo);
        Run("dpkg-deb", ["-x", deb, extractTo], directory, QueryTimeout);
    }

    internal static string HashFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The value of <paramref name="field"/> in a deb822 stanza (first stanza only).</summary>
    internal static string? Field(string stanza, string field)
    {
        foreach (string line in stanza.Split('\n'))
        {
            if (line.Length == 0 || line == "\r") break;
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return line[(field.Length + 1)..].Trim();
        }
        return null;
    }

    internal static string? FindOnPath(string tool)
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (path is null) return null;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <paramref name="tool"/> and returns its stdout; a non-zero exit throws with apt's "E:" line.</summary>
    internal static string Run(string tool, IReadOnlyList<string> arguments, string? workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        start.Environment["LC_ALL"] = "C";
        string command = $"{tool} {string.Join(' ', arguments)}";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command}");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{command} did not finish within {timeout.TotalSeconds:0} s");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string why = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(line => line.StartsWith("E:", StringComparison.Ordinal)) ?? stderr.Result.Trim();
            throw new InvalidOperationException($"{command} failed (exit {process.ExitCode}): {why}");
        }
        return stdout.Result;
    }
}

using System.Collections.Concurrent;
using Xunit;

namespace LocalSpec.Tests.TestSupport;

/// <summary>
/// Something a test needs from the machine (a native library, python3, pdflatex...).
/// Implementations need a public parameterless constructor; <see cref="Unmet"/> is probed once
/// per test run.
/// </summary>
public interface ITestRequirement
{
    /// <summary>Null when the requirement holds, else why not (shown as the skip reason).</summary>
    string? Unmet { get; }
}

/// <summary>
/// A [Fact] that is reported as skipped, with the reason, when <paramref name="requirement"/>
/// (an <see cref="ITestRequirement"/> type) is unmet. xunit 2 has no dynamic skip, so the probe
/// runs when the test is discovered.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresFactAttribute : FactAttribute
{
    public RequiresFactAttribute(Type requirement) => Skip = TestRequirements.Unmet(requirement);
}

/// <summary>The [Theory] counterpart of <see cref="RequiresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresTheoryAttribute : TheoryAttribute
{
    public RequiresTheoryAttribute(Type requirement) => Skip = TestRequirements.Unmet(requirement);
}

public static class TestRequirements
{
    private static readonly ConcurrentDictionary<Type, string?> s_unmet = new();

    /// <summary>The skip reason for a requirement type, probed once per process.</summary>
    public static string? Unmet(Type requirement) => s_unmet.GetOrAdd(requirement, type =>
    {
        if (!typeof(ITestRequirement).IsAssignableFrom(type))
            throw new ArgumentException($"{type.Name} does not implement {nameof(ITestRequirement)}.", nameof(requirement));
        string? unmet = ((ITestRequirement)Activator.CreateInstance(type)!).Unmet;
        return unmet is null ? null : $"Requires {type.Name}: {unmet}";
    });

    /// <summary>Null when every tool is an executable file on PATH, else which are missing (for probes).</summary>
    public static string? OnPath(params string[] tools)
    {
        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string[] missing = tools.Where(tool => !folders.Any(folder => File.Exists(Path.Combine(folder, tool)))).ToArray();
        return missing.Length == 0 ? null : $"{string.Join(", ", missing)} not found on PATH";
    }
}

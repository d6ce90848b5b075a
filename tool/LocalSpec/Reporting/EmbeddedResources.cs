using System.Reflection;

namespace LocalSpec.Reporting;

/// <summary>
/// Files of reports/ compiled into the assembly (see LocalSpec.csproj) so the tool works outside
/// the repository: templates as <c>LocalSpec.Reporting.Templates.&lt;file&gt;</c>, the paper's values
/// as <c>LocalSpec.Reporting.Reference.&lt;file&gt;</c>.
/// </summary>
internal static class EmbeddedResources
{
    private const string Prefix = "LocalSpec.Reporting.";

    public static string? TryReadText(string name)
    {
        using var stream = typeof(EmbeddedResources).Assembly.GetManifestResourceStream(Prefix + name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string ReadText(string name) =>
        TryReadText(name) ?? throw new InvalidOperationException($"resource {Prefix}{name} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}");
}

namespace LocalSpec.Reporting;

/// <summary>What a report run did.</summary>
/// <param name="Written">Full paths of the files written (new or changed content), sorted ordinally.</param>
/// <param name="Unchanged">Full paths of the files whose content was already there (left untouched, timestamps kept).</param>
/// <param name="Warnings">Things the user may want to fix, such as a paper row not found in the reference data.</param>
public sealed record ReportOutcome(IReadOnlyList<string> Written, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Warnings)
{
    public IEnumerable<string> Files => Written.Concat(Unchanged).Order(StringComparer.Ordinal);
}

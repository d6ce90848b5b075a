namespace LocalSpec.Pipeline;

/// <summary>What <see cref="ReportPublisher.Publish"/> wrote (files whose content changed) and what it could not do.</summary>
public sealed record ReportPublication(IReadOnlyList<string> Written, IReadOnlyList<string> Unchanged, IReadOnlyList<PipelineDiagnostic> Diagnostics);

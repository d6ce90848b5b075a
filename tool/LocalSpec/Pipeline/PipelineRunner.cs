using System.Diagnostics;
using LocalSpec.Data;

namespace LocalSpec.Pipeline;

/// <summary>
/// Runs the stage instances of one or more plans: a stage whose key is in the store (and verifies)
/// is reused, any other one is computed into a temporary directory and committed atomically.
/// Independent instances run in parallel, at most <see cref="Jobs"/> at a time; a per-key lock keeps
/// two runs sharing a store from building the same artifact twice. A failed stage skips what
/// depends on it and lets the rest finish, so finished work is never lost.
/// </summary>
public sealed class PipelineRunner
{
    private readonly PipelineEnvironment _environment;
    private readonly IPipelineObserver _observer;

    public PipelineRunner(PipelineEnvironment environment, IPipelineObserver observer, int jobs = 1)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        _environment = environment;
        _observer = observer;
        Jobs = jobs;
    }

    public int Jobs { get; }

    public RunSummary Run(IReadOnlyList<ExperimentPlan> plans, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var keys = PlanKeys.Compute(plans);
        var run = new RunState(this, keys, cancel);
        var byKey = keys.GroupBy(p => p.Value.Key).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
        void Corrupt(ArtifactCorruption c)
        {
            if (byKey.TryGetValue(c.Key, out var stage))
                _observer.Diagnostic(new PipelineDiagnostic(stage.ManifestPath, stage.Position.Line, stage.Position.Column, DiagnosticCodes.CacheCorrupt,
                    $"{stage.Id}: the stored artifact {c.Key[..12]} failed verification ({string.Join("; ", c.Problems)}); rebuilding it", DiagnosticSeverity.Warning));
        }
        _environment.Store.CorruptArtifactRemoved += Corrupt;
        Task<ArtifactHandle?>[] tasks;
        try
        {
            tasks = plans.SelectMany(p => p.Stages).Select(run.Schedule).ToArray();
            try
            {
                Task.WaitAll(tasks, CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Each task records its own outcome; nothing escapes but bugs, rethrown below.
            }
        }
        finally
        {
            _environment.Store.CorruptArtifactRemoved -= Corrupt;
        }
        foreach (var t in tasks)
            if (t.IsFaulted) throw t.Exception!.InnerException!;
        foreach (var plan in plans) WriteLock(plan, keys, run);
        cancel.ThrowIfCancellationRequested();
        return run.Summary();
    }

    private static void WriteLock(ExperimentPlan plan, IReadOnlyDictionary<StageDefinition, StageKeyInput> keys, RunState run)
    {
        var entries = new List<LockEntry>();
        foreach (var stage in plan.Stages)
        {
            if (run.Handle(stage) is not { } handle) continue;
            var outputs = handle.Files.Where(f => !stage.VolatileOutputs.Contains(f.Key))
                .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            entries.Add(new LockEntry(stage.Id, stage.Kind, keys[stage].Key, keys[stage], outputs));
        }
        LockFile.Update(plan.LockPath, lockFile => lockFile.With(plan.Manifest.Name, entries));
    }

    /// <summary>The state of one run: a task per stage instance, the outcomes, the counts.</summary>
    private sealed class RunState(PipelineRunner runner, IReadOnlyDictionary<StageDefinition, StageKeyInput> keys, CancellationToken cancel)
    {
        private readonly Dictionary<StageDefinition, Task<ArtifactHandle?>> _tasks = new(ReferenceEqualityComparer.Instance);
        private readonly SemaphoreSlim _slots = new(runner.Jobs);
        private readonly Lock _lock = new();
        private readonly List<PipelineDiagnostic> _errors = [];
        private int _ran, _cached, _failed, _skipped;

        public ArtifactHandle? Handle(StageDefinition stage) =>
            _tasks.TryGetValue(stage, out var t) && t.IsCompletedSuccessfully ? t.Result : null;

        public RunSummary Summary()
        {
            lock (_lock) return new RunSummary(_ran, _cached, _failed, _skipped, [.. _errors]);
        }

        public Task<ArtifactHandle?> Schedule(StageDefinition stage)
        {
            lock (_lock)
            {
                if (_tasks.TryGetValue(stage, out var existing)) return existing;
            }
            var upstream = stage.Upstream.Select(Schedule).ToArray();
            lock (_lock)
            {
                if (_tasks.TryGetValue(stage, out var existing)) return existing;
                var task = Task.Run(() => RunStage(stage, upstream));
                _tasks[stage] = task;
                return task;
            }
        }

        private async Task<ArtifactHandle?> RunStage(StageDefinition stage, Task<ArtifactHandle?>[] upstream)
        {
            var inputs = await Task.WhenAll(upstream).ConfigureAwait(false);
            if (inputs.Any(h => h is null) || cancel.IsCancellationRequested) return Finish(stage, StageOutcome.Skipped, TimeSpan.Zero, null);
            var key = keys[stage];
            var store = runner._environment.Store;
            if (Open(stage, key) is { } cached) return Finish(stage, StageOutcome.Cached, TimeSpan.Zero, cached);
            try
            {
                await _slots.WaitAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return Finish(stage, StageOutcome.Skipped, TimeSpan.Zero, null);
            }
            try
            {
                using var keyLock = store.AcquireKeyLock(stage.Kind, key.Key, cancel);
                // Another run may have built it while this one waited for the lock.
                if (Open(stage, key) is { } built) return Finish(stage, StageOutcome.Cached, TimeSpan.Zero, built);
                runner._observer.StageStarted(stage, key.Key);
                var clock = Stopwatch.StartNew();
                var byId = stage.Upstream.Select((u, i) => (u.Id, Handle: inputs[i]!)).ToDictionary(p => p.Id, p => p.Handle, StringComparer.Ordinal);
                var handle = store.Commit(key, directory => stage.Execute(new StageContext
                {
                    Stage = stage,
                    OutputDirectory = directory,
                    Inputs = byId,
                    Environment = runner._environment,
                    Progress = (fraction, text) => runner._observer.StageProgress(stage, Math.Clamp(fraction, 0, 1), text),
                    Cancellation = cancel,
                }));
                return Finish(stage, StageOutcome.Ran, clock.Elapsed, handle);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return Finish(stage, StageOutcome.Skipped, TimeSpan.Zero, null);
            }
            catch (Exception e) when (StageFailures.IsUserFacing(e))
            {
                foreach (var d in StageFailures.Diagnose(stage, e)) Report(d);
                return Finish(stage, StageOutcome.Failed, TimeSpan.Zero, null);
            }
            finally
            {
                _slots.Release();
            }
        }

        private ArtifactHandle? Open(StageDefinition stage, StageKeyInput key) => runner._environment.Store.TryOpen(stage.Kind, key.Key);

        private void Report(PipelineDiagnostic diagnostic)
        {
            lock (_lock) _errors.Add(diagnostic);
            runner._observer.Diagnostic(diagnostic);
        }

        private ArtifactHandle? Finish(StageDefinition stage, StageOutcome outcome, TimeSpan elapsed, ArtifactHandle? handle)
        {
            lock (_lock)
            {
                switch (outcome)
                {
                    case StageOutcome.Ran: _ran++; break;
                    case StageOutcome.Cached: _cached++; break;
                    case StageOutcome.Failed: _failed++; break;
                    default: _skipped++; break;
                }
            }
            runner._observer.StageFinished(stage, outcome, elapsed);
            return handle;
        }
    }
}

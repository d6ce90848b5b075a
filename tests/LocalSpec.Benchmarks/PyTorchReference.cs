namespace LocalSpec.Benchmarks;

/// <summary>
/// PyTorch's seconds per epoch of the mlp preset (tools/reference/torch_mlp_epoch_bench.py), in
/// two settings: Debian's python3-torch as installed (it links the generic libblas.so.3, Debian's
/// reference BLAS unless an optimised one is installed), and with its best settings here: the
/// OpenBLAS that LocalSpec uses put in front as libblas.so.3, with OPENBLAS_CORETYPE=SkylakeX on
/// an AVX-512 CPU (Haswell otherwise).
/// </summary>
public static class PyTorchReference
{
    public const string Suite = "pytorch-reference";
    public const string AsInstalled = "torch (Debian, as installed)";
    public const string BestSettings = "torch + OpenBLAS SkylakeX";

    public static void Measure(string repoRoot)
    {
        if (!PythonReference.Available("PyTorch")) return;
        string script = Path.Combine(repoRoot, "tools", "reference", "torch_mlp_epoch_bench.py");
        var results = new Dictionary<string, Dictionary<string, double>>();
        void Record(string label, Action<IDictionary<string, string?>>? configure)
        {
            if (PythonReference.Run(label, script, [], configure) is { } json)
                results[label] = new() { [ReferenceTimes.AnyMethod] = json.GetProperty("seconds_per_epoch").GetDouble() };
        }
        Record(AsInstalled, null);
        if (PythonReference.OpenBlasShim() is { } shim)
            Record(BestSettings, env =>
            {
                env["LD_LIBRARY_PATH"] = shim;
                env["OPENBLAS_CORETYPE"] = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "SkylakeX" : "Haswell";
            });
        ReferenceTimes.Save(Suite, results);
    }
}

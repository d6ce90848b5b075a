using System.Diagnostics;
using LocalSpec.Measures;
namespace LocalSpec.Benchmarks;
public static class LesionProfile
{
    public static void Run(string preset)
    {
        var w = LesionWorkload.Create(preset);
        var fast = LesionEngine.Create(w.Network, w.Test);
        for (int rep = 0; rep < 1; rep++)
        {
            var line = new List<string>();
            var total = Stopwatch.StartNew();
            for (int i = 0; i < w.Sets.Count; i++)
            {
                var sw = Stopwatch.StartNew();
                fast.Evaluate(i, w.Sets[i]);
                line.Add($"L{i} {sw.Elapsed.TotalMilliseconds:0} ms");
            }
            Console.WriteLine($"{preset} rep {rep}: total {total.Elapsed.TotalMilliseconds:0} ms: {string.Join(", ", line)}");
        }
    }
}

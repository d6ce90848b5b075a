namespace LocalSpec.Measures;

/// <summary>A fast way to the lesioned predictions at one site; every implementation matches the naive path's predictions.</summary>
internal interface ILesionPredictor
{
    /// <summary>Fills predictions[set][example] for every set (none empty); recomputed[set] counts its rows redone the naive way.</summary>
    void Predict(IReadOnlyList<int[]> sets, int[][] predictions, int[] recomputed);
}

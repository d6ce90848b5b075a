using LocalSpec.Numerics;

namespace LocalSpec.Measures;

/// <summary>
/// The random controls of a subcluster (METHOD.md §5): <c>random_subclusters</c> sets of the same
/// size, each drawn uniformly without replacement from the live units of the same layer (dead
/// units are never candidates), independently of each other. Each (layer, cluster) has its own
/// generator forked from the root, so the draws do not depend on the order in which subclusters
/// are processed, and the same seed gives the same sets.
/// </summary>
public static class RandomControls
{
    /// <summary>The default of <c>random_subclusters</c>.</summary>
    public const int DefaultCount = 19;

    /// <summary>The generator of the controls of cluster <paramref name="cluster"/>'s subcluster in layers.{parameterLayer}.</summary>
    public static Rng Stream(Rng root, int parameterLayer, int cluster)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfNegative(parameterLayer);
        ArgumentOutOfRangeException.ThrowIfNegative(cluster);
        return root.Fork("random-controls").Fork((ulong)parameterLayer).Fork((ulong)cluster);
    }

    /// <summary>
    /// <paramref name="count"/> sets of <paramref name="size"/> units of <paramref name="liveUnits"/> for the
    /// subcluster of <paramref name="cluster"/> in layers.{parameterLayer}, from <see cref="Stream"/>.
    /// </summary>
    public static int[][] Draw(Rng root, int parameterLayer, int cluster, IReadOnlyList<int> liveUnits, int size, int count = DefaultCount) =>
        Draw(Stream(root, parameterLayer, cluster), liveUnits, size, count);

    /// <summary>
    /// <paramref name="count"/> independent uniform draws of <paramref name="size"/> distinct units from
    /// <paramref name="liveUnits"/>, each returned in ascending order (a set; the draw order carries no meaning).
    /// </summary>
    public static int[][] Draw(Rng rng, IReadOnlyList<int> liveUnits, int size, int count = DefaultCount)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(liveUnits);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (size < 0 || size > liveUnits.Count)
            throw new ArgumentOutOfRangeException(nameof(size), $"Cannot draw {size} units from {liveUnits.Count} live units.");
        if (liveUnits.Any(u => u < 0) || liveUnits.Distinct().Count() != liveUnits.Count)
            throw new ArgumentException("The live units must be distinct unit indices.", nameof(liveUnits));
        var sets = new int[count][];
        for (int d = 0; d < count; d++)
        {
            int[] picked = rng.SampleWithoutReplacement(liveUnits.Count, size);
            for (int j = 0; j < size; j++) picked[j] = liveUnits[picked[j]];
            Array.Sort(picked);
            sets[d] = picked;
        }
        return sets;
    }
}

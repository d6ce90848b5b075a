using System.Numerics;
using System.Text;

namespace LocalSpec.Numerics;

/// <summary>
/// LocalSpec's own seeded, splittable random number generator: xoshiro256** for the stream,
/// SplitMix64 to expand seeds. <see cref="Fork(ulong)"/> derives an independent child from the
/// generator's identity (not its position), so the child of stream 3 is the same whatever the
/// parent has drawn; this lets stage instances, replicates and parallel workers get reproducible
/// streams without a shared sequence. Not cryptographic. Not thread-safe: fork one per thread.
/// </summary>
public sealed class Rng
{
    private readonly ulong _identity;
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    public Rng(ulong seed) : this(seed, SplitMix(seed ^ 0x4C6F63616C537065UL)) { }

    private Rng(ulong seedMaterial, ulong identity)
    {
        _identity = identity;
        ulong x = seedMaterial;
        _s0 = SplitMixNext(ref x);
        _s1 = SplitMixNext(ref x);
        _s2 = SplitMixNext(ref x);
        _s3 = SplitMixNext(ref x);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1; // the all-zero state is xoshiro's only fixed point
    }

    /// <summary>An independent generator for sub-stream <paramref name="stream"/>, a pure function of this generator's seed lineage.</summary>
    public Rng Fork(ulong stream)
    {
        ulong id = SplitMix(_identity ^ SplitMix(stream + 0x9E3779B97F4A7C15UL));
        return new Rng(id, id);
    }

    /// <summary>An independent generator for a named sub-stream (hash of the UTF-8 label).</summary>
    public Rng Fork(string label) => Fork(Fnv1a64(label));

    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>), unbiased (Lemire's method).</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0) throw new ArgumentOutOfRangeException(nameof(exclusiveMax), "must be positive");
        return (int)NextUInt64Below((ulong)exclusiveMax);
    }

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="exclusiveMax"/>).</summary>
    public int NextInt(int min, int exclusiveMax)
    {
        if (exclusiveMax <= min) throw new ArgumentOutOfRangeException(nameof(exclusiveMax), "must exceed min");
        return min + (int)NextUInt64Below((ulong)((long)exclusiveMax - min));
    }

    private ulong NextUInt64Below(ulong bound)
    {
        ulong x = NextUInt64();
        UInt128 product = (UInt128)x * bound;
        ulong low = (ulong)product;
        if (low < bound)
        {
            ulong threshold = (0UL - bound) % bound;
            while (low < threshold)
            {
                x = NextUInt64();
                product = (UInt128)x * bound;
                low = (ulong)product;
            }
        }
        return (ulong)(product >> 64);
    }

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Standard normal by the polar Box–Muller method (pairs are cached).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is double spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        return u * f;
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A uniformly random permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Shuffle<int>(p);
        return p;
    }

    /// <summary><paramref name="count"/> distinct indices drawn uniformly without replacement from 0..n-1, in draw order.</summary>
    public int[] SampleWithoutReplacement(int n, int count)
    {
        if (count < 0 || count > n) throw new ArgumentOutOfRangeException(nameof(count), $"cannot draw {count} of {n}");
        // Partial Fisher–Yates over a dense index array: O(n) memory, O(n + count) time.
        var pool = new int[n];
        for (int i = 0; i < n; i++) pool[i] = i;
        var result = new int[count];
        for (int i = 0; i < count; i++)
        {
            int j = NextInt(i, n);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            result[i] = pool[i];
        }
        return result;
    }

    private static ulong SplitMixNext(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return SplitMix(x);
    }

    private static ulong SplitMix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Fnv1a64(string label)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(label))
        {
            h ^= b;
            h *= 0x100000001B3UL;
        }
        return h;
    }
}

namespace LocalSpec.Numerics;

/// <summary>
/// One <see cref="ManagedBlas"/> SGEMM in flight: the BLIS loop nest (Van Zee &amp; van de Geijn,
/// "BLIS: A Framework for Rapidly Instantiating BLAS Functionality", 2015, Fig. 2):
/// per task, jc over Nc-column slabs → pc over Kc-deep slices (pack op(B)[Kc,Nc]) → ic over
/// Mc-row blocks (pack op(A)[Mc,Kc]) → jr over NR panels → ir over MR panels → register tile.
/// The tasks are a fixed grid over C's tiles that depends only on (M, N, threads), and every
/// C element is computed by the same tile arithmetic and the same Kc slicing wherever it falls,
/// so the result is bit-identical for any thread count or timing.
/// </summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
internal sealed unsafe class ManagedGemmCall
{
    private readonly Transpose _transA, _transB;
    private readonly int _m, _n, _k, _lda, _ldb, _ldc;
    private readonly float _alpha, _beta;
    private readonly float* _a, _b, _c;
    private readonly GemmKernelKind _kernel;
    private readonly GemmBlocking _blocking;
    private readonly int _mr, _nr;

    private int _gridRows, _gridCols;

    public ManagedGemmCall(Transpose transA, Transpose transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc,
        GemmKernelKind kernel, GemmBlocking blocking)
    {
        (_transA, _transB, _m, _n, _k, _alpha, _lda, _ldb, _beta, _ldc) =
            (transA, transB, m, n, k, alpha, lda, ldb, beta, ldc);
        _a = a;
        _b = b;
        _c = c;
        (_kernel, _blocking) = (kernel, blocking);
        _mr = GemmKernelKinds.Mr(kernel);
        _nr = GemmKernelKinds.Nr(kernel);
    }

    /// <summary>Runs the product on up to <paramref name="threads"/> threads (1 = the caller only).</summary>
    public void Run(int threads)
    {
        (_gridRows, _gridCols) = Grid(threads, CeilDiv(_m, _mr), CeilDiv(_n, _nr));
        int tasks = _gridRows * _gridCols;
        if (tasks == 1) RunTask(0);
        else Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = tasks }, RunTask);
    }

    /// <summary>
    /// rows × cols tasks, rows dividing <paramref name="threads"/>. M (usually the batch) is split
    /// first; N only when M has too few MR panels. A task packs all of op(B) for its columns and
    /// op(A) for its rows, so a split duplicates the packing of the other operand, not the work.
    /// </summary>
    internal static (int Rows, int Cols) Grid(int threads, int rowPanels, int colPanels)
    {
        int rows = 1;
        for (int d = Math.Min(threads, rowPanels); d >= 1; d--)
        {
            if (threads % d == 0)
            {
                rows = d;
                break;
            }
        }
        return (rows, Math.Max(1, Math.Min(threads / rows, colPanels)));
    }

    // One task owns a rectangle of C's tiles and packs the parts of op(A) and op(B) it needs itself:
    // one fork-join per call, and no packed buffer shared between threads.
    private void RunTask(int task)
    {
        int rowPanels = CeilDiv(_m, _mr), colPanels = CeilDiv(_n, _nr);
        int ti = task / _gridCols, tj = task % _gridCols;
        int r0 = rowPanels * ti / _gridRows, r1 = rowPanels * (ti + 1) / _gridRows;
        int j0 = colPanels * tj / _gridCols * _nr, j1 = Math.Min(colPanels * (tj + 1) / _gridCols * _nr, _n);
        int mcPanels = Math.Max(1, _blocking.Mc / _mr);
        int kcMax = Math.Min(_blocking.Kc, _k), ncMax = Math.Min(_blocking.Nc, RoundUp(j1 - j0, _nr));
        PinnedBuffer packedA = PinnedBuffer.TakeA(mcPanels * _mr * kcMax);
        PinnedBuffer packedB = PinnedBuffer.TakeB(RoundUp(ncMax, _nr) * kcMax);
        float* tile = stackalloc float[_mr * _nr];
        try
        {
            for (int jc = j0; jc < j1; jc += _blocking.Nc)
            {
                int nc = Math.Min(_blocking.Nc, j1 - jc);
                for (int pc = 0; pc < _k; pc += _blocking.Kc)
                {
                    int kc = Math.Min(_blocking.Kc, _k - pc);
                    float beta = pc == 0 ? _beta : 1f; // later slices add onto the partial C
                    GemmPacking.PackB(_transB, _b, _ldb, pc, kc, jc, nc, _nr, packedB.Pointer);
                    for (int ip = r0; ip < r1; ip += mcPanels)
                    {
                        int ipEnd = Math.Min(ip + mcPanels, r1), i0 = ip * _mr;
                        GemmPacking.PackA(_transA, _a, _lda, i0, Math.Min(ipEnd * _mr, _m) - i0, pc, kc, _mr, packedA.Pointer);
                        var block = new Block(packedA.Pointer, packedB.Pointer, i0, Math.Min(ipEnd * _mr, _m), jc, nc, kc, beta);
                        MacroKernel(in block, tile);
                    }
                }
            }
        }
        finally
        {
            PinnedBuffer.ReturnA(packedA);
            PinnedBuffer.ReturnB(packedB);
        }
    }

    /// <summary>A packed op(A)[i0:i1, kc] block against a packed op(B)[kc, jc:jc+nc] slab.</summary>
    private readonly struct Block(float* packedA, float* packedB, int i0, int i1, int jc, int nc, int kc, float beta)
    {
        public readonly float* PackedA = packedA, PackedB = packedB;
        public readonly int I0 = i0, I1 = i1, Jc = jc, Nc = nc, Kc = kc;
        public readonly float Beta = beta;
    }

    // Columns of NR-wide tiles down the block: each B panel stays in L1 while A streams from L2.
    private void MacroKernel(in Block block, float* tile)
    {
        for (int q = 0; q * _nr < block.Nc; q++)
        {
            int j = block.Jc + q * _nr, w = Math.Min(_nr, block.Jc + block.Nc - j);
            float* bp = block.PackedB + (nint)q * _nr * block.Kc;
            for (int i = block.I0; i < block.I1; i += _mr)
            {
                int h = Math.Min(_mr, block.I1 - i);
                float* ap = block.PackedA + (nint)(i - block.I0) * block.Kc;
                float* cij = _c + (nint)i * _ldc + j;
                if (h == _mr && w == _nr)
                {
                    Kernel(block.Kc, ap, bp, cij, _ldc, _alpha, block.Beta);
                    continue;
                }
                Kernel(block.Kc, ap, bp, tile, _nr, 1f, 0f);
                for (int r = 0; r < h; r++)
                {
                    float* row = cij + (nint)r * _ldc;
                    for (int jj = 0; jj < w; jj++)
                        row[jj] = block.Beta == 0f ? _alpha * tile[r * _nr + jj] : _alpha * tile[r * _nr + jj] + block.Beta * row[jj];
                }
            }
        }
    }

    private void Kernel(int kc, float* ap, float* bp, float* c, int ldc, float alpha, float beta)
    {
        switch (_kernel)
        {
            case GemmKernelKind.Avx512: GemmKernelAvx512.Run(kc, ap, bp, c, ldc, alpha, beta); break;
            case GemmKernelKind.Avx2: GemmKernelAvx2.Run(kc, ap, bp, c, ldc, alpha, beta); break;
            default: GemmKernelScalar.Run(kc, ap, bp, c, ldc, alpha, beta); break;
        }
    }

    private static int CeilDiv(int x, int y) => (x + y - 1) / y;

    private static int RoundUp(int x, int y) => CeilDiv(x, y) * y;
}

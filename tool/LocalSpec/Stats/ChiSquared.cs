namespace LocalSpec.Stats;

/// <summary>The χ² distribution with an even number of degrees of freedom, the null of Fisher's method.</summary>
public static class ChiSquared
{
    /// <summary>
    /// P(χ²_ν ≥ x) for even ν = 2a (the only case Fisher's method needs: ν = 2m for m combined
    /// p-values): P = Q(a, x/2), the regularised upper incomplete gamma function, evaluated in log
    /// space so that p-values below the double range come back with a finite <see cref="PValue.LnP"/>.
    /// Matches scipy.stats.chi2.sf / logsf (fixtures/stats/chi2_sf.json).
    /// </summary>
    public static PValue Survival(int degreesOfFreedom, double x)
    {
        // Input validation
        if (degreesOfFreedom < 2 || degreesOfFreedom % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "degrees of freedom must be a positive even integer");
        if (double.IsNaN(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must be a number");
        if (x <= 0) return PValue.One;

        // Main algorithm
        return PValue.FromLn(IncompleteGamma.LogUpperRegularized(degreesOfFreedom / 2, x / 2));
    }
}

using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace LocalSpec.Cli.Commands;

/// <summary>Range checks on numeric options, reported by the parser as usage errors (exit code 2).</summary>
internal static class OptionRules
{
    public static void AtLeast<T>(Option<T> option, T minimum) where T : struct, INumber<T> =>
        option.Validators.Add(r => Check(r, r.GetValue(option), v => v >= minimum, $"at least {minimum}"));

    public static void AtLeast<T>(Option<T?> option, T minimum) where T : struct, INumber<T> =>
        option.Validators.Add(r => Check(r, r.GetValue(option), v => v is not T x || x >= minimum, $"at least {minimum}"));

    public static void Positive(Option<double> option) =>
        option.Validators.Add(r => Check(r, r.GetValue(option), v => v > 0 && double.IsFinite(v), "a positive number"));

    public static void NonNegative(Option<double?> option) =>
        option.Validators.Add(r => Check(r, r.GetValue(option), v => v is not double x || (x >= 0 && double.IsFinite(x)), "a non-negative number"));

    private static void Check<TValue>(System.CommandLine.Parsing.OptionResult result, TValue value, Func<TValue, bool> ok, string what)
    {
        if (!ok(value))
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{result.Option.Name} must be {what} (got {value})"));
    }
}

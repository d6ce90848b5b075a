namespace LocalSpec.Cli;

/// <summary>Process exit codes of <c>dotnet localspec</c> (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>An unexpected internal error (a bug: please report it with the message).</summary>
    public const int InternalError = 1;

    /// <summary>The command line itself is wrong (unknown verb or option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>Bad input the user can fix: a missing or corrupt file, an unknown data set or architecture, a shape mismatch.</summary>
    public const int InputError = 3;

    /// <summary>A pipeline stage failed; the stages that finished are kept in the cache (the diagnostics say which and why).</summary>
    public const int StageFailed = 4;

    /// <summary>The run was cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}

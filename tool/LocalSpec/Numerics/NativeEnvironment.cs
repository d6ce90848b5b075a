using System.Runtime.InteropServices;

namespace LocalSpec.Numerics;

/// <summary>
/// The C library's environment (getenv/setenv). On Unix, .NET keeps its own copy of the
/// environment: <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach
/// environ, which is what a native library such as OpenBLAS reads when it loads.
/// </summary>
internal static unsafe class NativeEnvironment
{
    private static readonly delegate* unmanaged<byte*, byte*> s_getenv = (delegate* unmanaged<byte*, byte*>)Export("getenv");
    private static readonly delegate* unmanaged<byte*, byte*, int, int> s_setenv = (delegate* unmanaged<byte*, byte*, int, int>)Export("setenv");

    /// <summary>Whether the C library's environment is reachable (Linux, macOS; not Windows).</summary>
    public static bool IsAvailable => s_getenv != null && s_setenv != null;

    /// <summary>The variable as native code sees it; null when unset.</summary>
    public static string? Get(string name)
    {
        if (s_getenv == null) return Environment.GetEnvironmentVariable(name);
        nint key = Marshal.StringToCoTaskMemUTF8(name);
        try
        {
            return Marshal.PtrToStringUTF8((nint)s_getenv((byte*)key));
        }
        finally
        {
            Marshal.FreeCoTaskMem(key);
        }
    }

    /// <summary>Sets the variable for native code (overwriting) and for .NET.</summary>
    public static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (s_setenv == null) return;
        nint key = Marshal.StringToCoTaskMemUTF8(name), text = Marshal.StringToCoTaskMemUTF8(value);
        try
        {
            if (s_setenv((byte*)key, (byte*)text, 1) != 0)
                throw new InvalidOperationException($"setenv({name}) failed.");
        }
        finally
        {
            Marshal.FreeCoTaskMem(key);
            Marshal.FreeCoTaskMem(text);
        }
    }

    private static nint Export(string name)
    {
        if (OperatingSystem.IsWindows()) return 0;
        return NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), name, out nint address) ? address : 0;
    }
}

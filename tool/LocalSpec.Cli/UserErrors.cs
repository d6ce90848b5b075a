using LocalSpec.Data;
using LocalSpec.Graphs;
using LocalSpec.Nn;
using LocalSpec.Nn.Safetensors;
using LocalSpec.Numerics;

namespace LocalSpec.Cli;

/// <summary>
/// Which exceptions are the user's to fix (exit code 3, one line, no stack trace) and how they
/// read. Anything else is a bug and keeps its stack trace.
/// </summary>
public static class UserErrors
{
    public static bool TryDescribe(Exception ex, out string message)
    {
        message = ex switch
        {
            DataException or SafetensorsFormatException or ModelFileException or ArchitectureException
                or BlasUnavailableException or GraphFileException
                or Partitioning.PartitionException or Measures.MeasurementException or Stats.StatsFormatException => ex.Message,
            FileNotFoundException f => f.FileName is { } name ? $"{name}: file not found" : f.Message,
            DirectoryNotFoundException or UnauthorizedAccessException => ex.Message,
            IOException io => io.Message,
            _ => "",
        };
        return message.Length > 0;
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using LocalSpec.Pipeline;
using LocalSpec.Tests.TestSupport;
using static LocalSpec.Tests.Pipeline.ManifestTestFiles;

namespace LocalSpec.Tests.Pipeline;

/// <summary>python3 with Debian's python3-jsonschema (draft 2020-12 support) and python3-yaml.</summary>
public sealed class PythonJsonSchema : ITestRequirement
{
    public string? Unmet
    {
        get
        {
            if (!File.Exists("/usr/bin/python3")) return "/usr/bin/python3 not found";
            try
            {
                var (exit, _, error) = ManifestSchemaOracleTests.Python("-c \"from jsonschema import Draft202012Validator; import yaml\"", "");
                return exit == 0 ? null : $"python3 cannot import jsonschema (Draft202012Validator) and yaml: {error.Trim()} (apt-get install python3-jsonschema python3-yaml)";
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return e.Message;
            }
        }
    }
}

/// <summary>
/// The generated schema checked by an independent validator (Python's jsonschema): it is a valid
/// draft 2020-12 schema, and it accepts and rejects the same manifests as the reader.
/// </summary>
public sealed class ManifestSchemaOracleTests
{
    private static readonly (string Name, string Yaml, bool Valid)[] Cases =
    [
        ("minimal", Minimal, true),
        ("documented example", ManifestDocs.Example, true),
        ("k list", Minimal + "k: [8, 12, 16]\n", true),
        ("families", Minimal + "measures: { proxies: [lesion, featvis.score] }\n", true),
        ("derived data set", Minimal.Replace("mnist10k\n", "stack-mnist\n", StringComparison.Ordinal), true),
        ("unknown field", Minimal + "training: { epoch: 3 }\n", false),
        ("k sixteen", Minimal + "k: sixteen\n", false),
        ("k zero", Minimal + "k: 0\n", false),
        ("k repeated", Minimal + "k: [8, 8]\n", false),
        ("unknown data set", Minimal.Replace("mnist10k\n", "mnist11k\n", StringComparison.Ordinal), false),
        ("unknown proxy", Minimal + "measures: { proxies: [lesion.acc] }\n", false),
        ("unknown arch", Minimal.Replace("arch: mlp", "arch: mlpp", StringComparison.Ordinal), false),
        ("models with training", Minimal + "models: [a.safetensors]\ntraining: { epochs: 1 }\n", false),
        ("name with capitals", Minimal.Replace("mlp-mnist10k", "Mlp", StringComparison.Ordinal), false),
        ("lr zero", Minimal + "training: { lr: 0 }\n", false),
        ("missing network", "name: x\ndataset: mnist10k\n", false),
        ("empty graphs", Minimal + "graphs: []\n", false),
    ];

    [RequiresFact(typeof(PythonJsonSchema))]
    public void The_schema_accepts_and_rejects_what_the_reader_does()
    {
        var request = new JsonObject
        {
            ["schema"] = JsonNode.Parse(ManifestSchema.Generate()),
            ["documents"] = new JsonArray([.. Cases.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["yaml"] = c.Yaml })]),
        };
        string script = Path.Combine(RepoPaths.Root, "tools", "reference", "check_manifest_schema.py");

        var (exit, output, error) = Python($"\"{script}\"", request.ToJsonString());

        Assert.True(exit == 0, error);
        Assert.Equal(Cases.Select(c => $"{c.Name}: {(c.Valid ? "valid" : "invalid")}"), output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var (name, yaml, valid) in Cases)
        {
            bool readerAccepts = Accepts(yaml);
            Assert.True(readerAccepts == valid, $"{name}: the reader {(readerAccepts ? "accepts" : "rejects")} it, the schema does not");
        }
    }

    private static bool Accepts(string yaml)
    {
        try
        {
            ManifestReader.Parse(yaml, ManifestTestFiles.ManifestPath);
            return true;
        }
        catch (PipelineException)
        {
            return false;
        }
    }

    internal static (int Exit, string Output, string Error) Python(string arguments, string input)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}

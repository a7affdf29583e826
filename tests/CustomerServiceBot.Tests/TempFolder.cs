namespace CustomerServiceBot.Tests;

// A directory of its own for one test class instance, deleted with it.
internal sealed class TempFolder(string prefix) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory(prefix);

    public string PathOf(params string[] names) => Path.Combine([_directory.FullName, .. names]);

    public string Write(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}

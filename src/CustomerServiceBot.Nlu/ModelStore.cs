namespace CustomerServiceBot.Nlu;

// The models a running service answers with: one base intent model (the shipped corpus), optional
// per-shop intent models (base + the shop's own examples), and the emotion model. Models are
// immutable; swapping replaces a reference atomically, so a request that already took a model
// finishes on it while the next request gets the new one. No locks on the read path.
internal sealed class ModelStore
{
    public const string IntentFile = "intents.zip";
    public const string EmotionFile = "emotion.zip";
    public const string ShopDirectory = "shops";

    private readonly Dictionary<string, TextClassifier> _empty = new(StringComparer.Ordinal);
    private TextClassifier _baseIntents;
    private EmotionClassifier? _emotion;
    // Copy-on-write: readers see a complete dictionary, writers replace it under a lock.
    private Dictionary<string, TextClassifier> _shops;
    private readonly Lock _writeLock = new();

    public ModelStore(TextClassifier baseIntents, EmotionClassifier? emotion = null)
    {
        _baseIntents = baseIntents;
        _emotion = emotion;
        _shops = _empty;
    }

    public TextClassifier BaseIntents => Volatile.Read(ref _baseIntents);

    public EmotionClassifier? Emotion => Volatile.Read(ref _emotion);

    public IReadOnlyCollection<string> ShopsWithOwnModel => Volatile.Read(ref _shops).Keys;

    // The shop's own model if it has one, else the base model.
    public TextClassifier IntentsFor(string? shopId) =>
        shopId is not null && Volatile.Read(ref _shops).TryGetValue(shopId, out var model) ? model : BaseIntents;

    // Each swap returns the model it replaced (null if none), e.g. to log its version.
    public TextClassifier SwapBaseIntents(TextClassifier model) => Interlocked.Exchange(ref _baseIntents, model);

    public EmotionClassifier? SwapEmotion(EmotionClassifier model) => Interlocked.Exchange(ref _emotion, model);

    public TextClassifier? SwapShopIntents(string shopId, TextClassifier model)
    {
        lock (_writeLock)
        {
            var shops = new Dictionary<string, TextClassifier>(_shops, StringComparer.Ordinal);
            shops.TryGetValue(shopId, out var previous);
            shops[shopId] = model;
            Volatile.Write(ref _shops, shops);
            return previous;
        }
    }

    public bool RemoveShopIntents(string shopId)
    {
        lock (_writeLock)
        {
            if (!_shops.ContainsKey(shopId))
            {
                return false;
            }

            var shops = new Dictionary<string, TextClassifier>(_shops, StringComparer.Ordinal);
            shops.Remove(shopId);
            Volatile.Write(ref _shops, shops);
            return true;
        }
    }

    // Start-up: directory/intents.zip (required), directory/emotion.zip (optional),
    // directory/shops/{shopId}.zip (optional, one per shop).
    public static ModelStore Load(string directory)
    {
        var store = new ModelStore(
            TextClassifier.Load(Path.Combine(directory, IntentFile)),
            File.Exists(Path.Combine(directory, EmotionFile)) ? new EmotionClassifier(TextClassifier.Load(Path.Combine(directory, EmotionFile))) : null);
        var shops = Path.Combine(directory, ShopDirectory);
        if (Directory.Exists(shops))
        {
            foreach (var file in Directory.EnumerateFiles(shops, "*.zip").Order(StringComparer.Ordinal))
            {
                store.SwapShopIntents(Path.GetFileNameWithoutExtension(file), TextClassifier.Load(file));
            }
        }

        return store;
    }
}

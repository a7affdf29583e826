using CustomerServiceBot.Nlu;
using CustomerServiceBot.Nlu.Entities;

namespace CustomerServiceBot.Api.Understanding;

internal sealed record MessageUnderstanding(
    IntentPrediction Intent,
    EmotionPrediction Emotion,
    IReadOnlyList<Entity> Entities,
    string ModelVersion);

// A whole message and each question in it (one, the whole, for most messages), read with the same models.
// With says what they were read with: the reading stands for reading the text again while those are still
// the ones in use.
internal sealed record MessageReading(
    string Text,
    MessageUnderstanding Whole,
    IReadOnlyList<(string Segment, MessageUnderstanding Reading)> Questions,
    MessageReading.Context With)
{
    internal readonly record struct Context(TextClassifier Intents, EmotionClassifier? Emotion, TimeZoneInfo Zone, IProductGazetteer? Gazetteer);
}

// Intent (the shop's model, else the base model), emotion and entities of one buyer message.
internal sealed class BuyerMessageReader(NluModels models, TimeProvider clock)
{
    private readonly EntityExtractor _withoutCatalog = new(clock);

    public bool IsReady => models.IsReady;

    public MessageUnderstanding Read(string shopId, string text, TimeZoneInfo timeZone, IProductGazetteer? gazetteer = null) =>
        Read(With(shopId, timeZone, gazetteer), text);

    // segments are the message's questions; a single one is the whole text.
    public MessageReading ReadAll(string shopId, string text, IReadOnlyList<string> segments, TimeZoneInfo timeZone, IProductGazetteer? gazetteer)
    {
        var with = With(shopId, timeZone, gazetteer);
        var whole = Read(with, text);
        IReadOnlyList<(string, MessageUnderstanding)> questions = segments.Count == 1 && segments[0] == text
            ? [(text, whole)]
            : segments.Select(segment => (segment, Read(with, segment))).ToList();
        return new MessageReading(text, whole, questions, with);
    }

    // Whether reading the text now would give what the reading holds: the same models, time zone and catalogue.
    public bool IsCurrent(MessageReading reading, string shopId, string text, TimeZoneInfo timeZone, IProductGazetteer? gazetteer) =>
        reading.Text == text && reading.With == With(shopId, timeZone, gazetteer);

    private MessageReading.Context With(string shopId, TimeZoneInfo timeZone, IProductGazetteer? gazetteer)
    {
        var store = models.Store;
        return new MessageReading.Context(store.IntentsFor(shopId), store.Emotion, timeZone, gazetteer);
    }

    private MessageUnderstanding Read(MessageReading.Context with, string text)
    {
        var extractor = with.Gazetteer is null ? _withoutCatalog : new EntityExtractor(clock, with.Gazetteer);
        var emotion = with.Emotion?.Predict(text) ?? new EmotionPrediction("neutral", 1f, false, null);
        return new MessageUnderstanding(with.Intents.Predict(text, alternatives: 3), emotion, extractor.Extract(text, with.Zone), with.Intents.Version);
    }
}

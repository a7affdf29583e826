using CustomerServiceBot.Nlu;
using CustomerServiceBot.Nlu.Entities;

namespace CustomerServiceBot.Api.Understanding;

internal sealed record MessageUnderstanding(
    IntentPrediction Intent,
    EmotionPrediction Emotion,
    IReadOnlyList<Entity> Entities,
    string ModelVersion);

// Intent (the shop's model, else the base model), emotion and entities of one buyer message.
internal sealed class BuyerMessageReader(NluModels models, TimeProvider clock)
{
    private readonly EntityExtractor _withoutCatalog = new(clock);

    public MessageUnderstanding Read(string shopId, string text, TimeZoneInfo timeZone, IProductGazetteer? gazetteer = null)
    {
        var store = models.Store;
        var classifier = store.IntentsFor(shopId);
        var extractor = gazetteer is null ? _withoutCatalog : new EntityExtractor(clock, gazetteer);
        var emotion = store.Emotion?.Predict(text) ?? new EmotionPrediction("neutral", 1f, false, null);
        return new MessageUnderstanding(classifier.Predict(text, alternatives: 3), emotion, extractor.Extract(text, timeZone), classifier.Version);
    }
}

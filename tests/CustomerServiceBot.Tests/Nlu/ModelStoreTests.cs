using CustomerServiceBot.Nlu;

namespace CustomerServiceBot.Tests.Nlu;

public sealed class ModelStoreTests
{
    private static readonly Lazy<TextClassifier> Other = new(() =>
        new TextClassifierTrainer(SmallCorpus.Options with { L2 = 1f, Version = "test-2" }).Train(SmallCorpus.Intents));

    [Fact]
    public void ShopWithoutOwnModelGetsTheBaseModel()
    {
        var store = new ModelStore(SmallCorpus.IntentModel);
        store.SwapShopIntents("shop-a", Other.Value);
        Assert.Same(Other.Value, store.IntentsFor("shop-a"));
        Assert.Same(SmallCorpus.IntentModel, store.IntentsFor("shop-b"));
        Assert.Same(SmallCorpus.IntentModel, store.IntentsFor(null));
        Assert.True(store.RemoveShopIntents("shop-a"));
        Assert.Same(SmallCorpus.IntentModel, store.IntentsFor("shop-a"));
    }

    [Fact]
    public void SwapReturnsTheReplacedModel()
    {
        var store = new ModelStore(SmallCorpus.IntentModel);
        Assert.Same(SmallCorpus.IntentModel, store.SwapBaseIntents(Other.Value));
        Assert.Same(Other.Value, store.BaseIntents);
        Assert.Null(store.SwapShopIntents("shop-a", SmallCorpus.IntentModel));
    }

    [Fact]
    public async Task SwappingWhilePredictingGivesOnlyResultsOfOneOfTheTwoModels()
    {
        const string text = "快递到哪里了呀";
        var first = SmallCorpus.IntentModel;
        var second = Other.Value;
        var expected = new[] { first.Predict(text), second.Predict(text) };
        Assert.NotEqual(expected[0].Confidence, expected[1].Confidence);

        var store = new ModelStore(first);
        store.SwapShopIntents("shop-a", first);
        var stop = 0;
        var predictions = 0;
        var unexpected = new System.Collections.Concurrent.ConcurrentBag<string>();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                foreach (var shop in new[] { "shop-a", "shop-b" })
                {
                    var prediction = store.IntentsFor(shop).Predict(text);
                    if (!expected.Any(e => e.Intent == prediction.Intent && e.Confidence == prediction.Confidence && e.IsUnderstood == prediction.IsUnderstood))
                    {
                        unexpected.Add($"{prediction.Intent} {prediction.Confidence}");
                    }

                    Interlocked.Increment(ref predictions);
                }
            }
        })).ToArray();

        // Swap at least 400 times and until the readers have really run: on a busy machine they may
        // not have been scheduled at all during the first swaps.
        for (var i = 0; (i < 400 || Volatile.Read(ref predictions) < 200) && i < 10_000_000; i++)
        {
            var next = i % 2 == 0 ? second : first;
            store.SwapBaseIntents(next);
            store.SwapShopIntents("shop-a", next);
            Thread.Yield();
        }

        Volatile.Write(ref stop, 1);
        await Task.WhenAll(readers);
        Assert.Empty(unexpected);
        Assert.True(predictions > 0);
    }

    [Fact]
    public void StoreLoadsBaseEmotionAndShopModelsFromADirectory()
    {
        var directory = Directory.CreateTempSubdirectory("csbot-models-");
        try
        {
            SmallCorpus.IntentModel.Save(Path.Combine(directory.FullName, ModelStore.IntentFile));
            Other.Value.Save(Path.Combine(directory.FullName, ModelStore.ShopDirectory, "shop-a.zip"));
            var store = ModelStore.Load(directory.FullName);
            Assert.Equal("test-1", store.BaseIntents.Version);
            Assert.Equal("test-2", store.IntentsFor("shop-a").Version);
            Assert.Null(store.Emotion);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void ShopModelLearnsTheShopsOwnExamples()
    {
        List<TrainingExample> shopExamples =
        [
            new("能刻字吗", "engraving"), new("可以刻名字吗", "engraving"), new("刻字要加钱吗", "engraving"), new("can you engrave it", "engraving"),
        ];
        var shopModel = new TextClassifierTrainer(SmallCorpus.Options).TrainForShop(SmallCorpus.Intents, shopExamples);
        Assert.Contains("engraving", shopModel.Labels);
        Assert.Equal("engraving", shopModel.Predict("能不能刻字").Intent);
        Assert.DoesNotContain("engraving", SmallCorpus.IntentModel.Labels);
    }
}

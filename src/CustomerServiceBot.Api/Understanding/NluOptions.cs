using System.ComponentModel.DataAnnotations;

namespace CustomerServiceBot.Api.Understanding;

internal sealed class NluOptions
{
    public const string Section = "Nlu";

    // Relative to the application's base directory, where the build copies data/.
    [Required] public string IntentCorpus { get; set; } = "data/nlu/intents.train.tsv";
    [Required] public string EmotionCorpus { get; set; } = "data/nlu/emotion.train.tsv";

    // The base models trained from the shipped corpora are cached here (relative to the content root)
    // and reused while the corpus hash matches.
    [Required] public string ModelCache { get; set; } = "App_Data/models";

    [Required] public string OutOfScopeLabel { get; set; } = "out_of_scope";

    // How often a replica looks for shop models trained by another replica.
    [Range(1, 3600)] public int ModelPollSeconds { get; set; } = 30;

    // A new intent needs this many of the shop's own examples before the shop model can train.
    [Range(2, 100)] public int MinExamplesPerNewIntent { get; set; } = 2;
}

using System.ComponentModel.DataAnnotations;

namespace CustomerServiceBot.Api.Conversations;

internal sealed class ConversationOptions
{
    public const string Section = "Conversations";

    // After this long without a message the next one starts a new session: focus and pending question are dropped.
    [Range(1, 24 * 60)] public int SessionIdleMinutes { get; set; } = 30;

    // "Not understood" this many times in a row hands the buyer to a human.
    [Range(1, 10)] public int FailuresBeforeHandoff { get; set; } = 2;

    // Angry messages in one session before a human takes over, even without an explicit threat.
    [Range(1, 10)] public int AngryMessagesBeforeHandoff { get; set; } = 2;

    // After-sale questions are costly to get wrong: below this confidence a human answers.
    [Range(0.0, 1.0)] public double AfterSaleMinConfidence { get; set; } = 0.6;

    // Questions answered from one message that asks several.
    [Range(1, 5)] public int MaxQuestionsPerMessage { get; set; } = 3;

    // Messages of different conversations that arrive together share one transaction (group commit):
    // at most this many per transaction ...
    [Range(1, 1000)] public int MaxBatchSize { get; set; } = 64;

    // ... and this many transactions at once, so one batch's waits on the database overlap another's work.
    [Range(1, 64)] public int BatchWorkers { get; set; } = 2;
}

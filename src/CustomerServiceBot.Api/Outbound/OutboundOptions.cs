using System.ComponentModel.DataAnnotations;

namespace CustomerServiceBot.Api.Outbound;

internal sealed class OutboundOptions
{
    public const string Section = "Outbound";

    // How often the dispatcher looks for due rows written by other replicas or left by a crash;
    // rows written by this process wake it at once.
    [Range(10, 60_000)] public int PollMilliseconds { get; set; } = 1000;

    [Range(1, 500)] public int BatchSize { get; set; } = 50;

    // Attempts before a row is dead-lettered.
    [Range(1, 50)] public int MaxAttempts { get; set; } = 8;

    // Retry n waits about BaseDelay * 2^(n-1), capped at MaxDelay, with jitter: 2 s, 4 s, 8 s ... 10 min.
    [Range(1, 3_600_000)] public int BaseDelayMilliseconds { get; set; } = 2000;

    [Range(1, 86_400_000)] public int MaxDelayMilliseconds { get; set; } = 600_000;

    // A claimed row is not picked up by another sender for this long; longer than any call can take.
    [Range(1, 3600)] public int LeaseSeconds { get; set; } = 60;

    [Range(1, 120)] public int RequestTimeoutSeconds { get; set; } = 10;
}

namespace CustomerServiceBot.Tests.Nlu.Entities;

// Microsoft.Extensions.TimeProvider.Testing is not referenced; a frozen clock is all these tests need.
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    // Wednesday 2025-03-12 10:00 in Shanghai.
    public static readonly FixedClock Wednesday = new(new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.FromHours(8)));

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

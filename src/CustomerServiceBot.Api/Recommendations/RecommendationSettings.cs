using System.ComponentModel.DataAnnotations;

namespace CustomerServiceBot.Api.Recommendations;

// The merchant's say over product cards in replies. Stored on the shop row, so the message path
// gets it from the shop settings cache at no extra cost.
public sealed record RecommendationSettings(
    bool Enabled = true,
    [property: Range(1, RecommendationSettings.MaxCards)] int MaxCardsPerReply = 2,
    // Buyer messages between two replies with recommended cards (an explicit "recommend something" is always answered).
    [property: Range(0, 50)] int CooldownMessages = 3,
    // Recommended cards per session (a session ends after the conversation's idle time).
    [property: Range(0, 30)] int MaxCardsPerSession = 6,
    // Product codes never recommended.
    [property: MaxLength(500)] IReadOnlyList<string>? ExcludedProducts = null) : IValidatableObject
{
    public const int MaxCards = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Excluded.Any(code => string.IsNullOrWhiteSpace(code) || code.Length > 64))
        {
            yield return new ValidationResult("Every excluded product code is 1-64 characters.", [nameof(ExcludedProducts)]);
        }
    }

    public IReadOnlyList<string> Excluded => ExcludedProducts ?? [];
}

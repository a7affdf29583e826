using System.ComponentModel.DataAnnotations;

namespace CustomerServiceBot.Api.Shops;

public sealed record CreateShopRequest(
    [property: RegularExpression(ShopValidation.IdPattern, ErrorMessage = ShopValidation.IdMessage)] string? Id,
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: StringLength(16)] string? DefaultLanguage,
    [property: StringLength(64)] string? TimeZone,
    [property: RegularExpression("^[A-Z]{3}$", ErrorMessage = "Currency must be an ISO 4217 code such as CNY or USD.")] string? Currency)
    : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ShopValidation.ValidateLanguageAndZone(DefaultLanguage, TimeZone);
}

public sealed record UpdateShopRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, StringLength(16)] string DefaultLanguage,
    [property: Required, StringLength(64)] string TimeZone,
    [property: Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "Currency must be an ISO 4217 code such as CNY or USD.")] string Currency,
    [property: Required, StringLength(40, MinimumLength = 1)] string BotName,
    [property: Required, StringLength(20, MinimumLength = 1)] string BuyerSalutation,
    IReadOnlyList<string>? HumanOnlyIntents = null)
    : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in ShopValidation.ValidateLanguageAndZone(DefaultLanguage, TimeZone))
        {
            yield return result;
        }

        if (HumanOnlyIntents?.Any(i => !System.Text.RegularExpressions.Regex.IsMatch(i, "^[a-z][a-z0-9_]{1,63}$")) == true || HumanOnlyIntents?.Count > 100)
        {
            yield return new ValidationResult("HumanOnlyIntents holds up to 100 intent names of a-z, 0-9 and _.", [nameof(HumanOnlyIntents)]);
        }
    }
}

public sealed record ShopResponse(
    string Id,
    string Name,
    string DefaultLanguage,
    string TimeZone,
    string Currency,
    string BotName,
    string BuyerSalutation,
    IReadOnlyList<string> HumanOnlyIntents,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed record CreateApiKeyRequest([property: Required, StringLength(100, MinimumLength = 1)] string Name);

// The key itself appears in this response only; afterwards only its prefix is known.
public sealed record CreatedApiKeyResponse(Guid Id, string Name, string Prefix, string Key, DateTime CreatedAt);

public sealed record ApiKeyResponse(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);

public sealed record CreateWebhookSecretRequest(
    [property: Required] string Platform,
    [property: StringLength(100)] string? Name,
    [property: StringLength(200, MinimumLength = 16)] string? Secret)
    : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Platforms.IsKnown(Platform))
        {
            yield return new ValidationResult($"Platform must be one of: {string.Join(", ", Platforms.All)}.", [nameof(Platform)]);
        }
        else if (Platform != Platforms.Generic && Secret is null)
        {
            yield return new ValidationResult(
                $"The {Platform} platform issues its own secret: copy it from the platform into 'secret'.", [nameof(Secret)]);
        }
    }
}

public sealed record CreatedWebhookSecretResponse(Guid Id, string Platform, string Name, string Secret, DateTime CreatedAt);

public sealed record WebhookSecretResponse(Guid Id, string Platform, string Name, string SecretHint, DateTime CreatedAt, DateTime? RevokedAt);

// AccessToken: omit it to keep the stored one, send "" to remove it.
public sealed record PutPlatformAccountRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string ExternalId,
    [property: StringLength(200)] string? DisplayName,
    [property: Url, StringLength(500)] string? ApiBaseUrl,
    [property: StringLength(500)] string? AccessToken = null);

// The access token is never returned: only whether one is stored.
public sealed record PlatformAccountResponse(string Platform, string ExternalId, string? DisplayName, string? ApiBaseUrl, bool HasAccessToken, DateTime CreatedAt);

internal static class ShopValidation
{
    public const string IdPattern = "^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$";
    public const string IdMessage = "A shop id is 3-40 lower-case letters, digits and dashes, starting and ending with a letter or digit.";

    public static IEnumerable<ValidationResult> ValidateLanguageAndZone(string? language, string? timeZone)
    {
        if (language is not null && language is not ("zh-CN" or "en" or "en-US"))
        {
            yield return new ValidationResult("DefaultLanguage must be zh-CN or en.", ["DefaultLanguage"]);
        }

        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            yield return new ValidationResult($"TimeZone '{timeZone}' is not a known IANA time zone.", ["TimeZone"]);
        }
    }
}

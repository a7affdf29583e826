using System.ComponentModel.DataAnnotations;

namespace CustomerServiceBot.Api.Shops;

internal sealed class AccessOptions
{
    public const string Section = "Access";

    // The operator key creates shops and issues their keys; it comes from configuration only.
    [Required, MinLength(24)]
    public string OperatorApiKey { get; set; } = "";

    // How long a verified shop key is trusted without a database read; a revocation made on
    // another replica takes effect after at most this long.
    [Range(0, 600)]
    public int KeyCacheSeconds { get; set; } = 30;
}

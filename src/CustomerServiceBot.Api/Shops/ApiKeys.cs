using System.Security.Cryptography;
using System.Text;

namespace CustomerServiceBot.Api.Shops;

internal static class ApiKeys
{
    public const string ShopKeyPrefix = "csk_";
    private const int DisplayPrefixLength = 12;

    public static string NewShopKey() => ShopKeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    // Enough to recognise a key in a list, far too little to guess it.
    public static string DisplayPrefix(string key) => key.Length <= DisplayPrefixLength ? key : key[..DisplayPrefixLength];

    public static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), Hash(expected));

    // Standard Webhooks secrets: "whsec_" + base64 of the raw HMAC key.
    public static string NewStandardWebhookSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Security.Cryptography;
using System.Text;

namespace CustomerServiceBot.Api.Webhooks;

// The signing schemes of the supported platforms. Every comparison is constant-time and every
// scheme is computed over the raw body bytes, before anything parses them.
internal static class WebhookSignatures
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    // Standard Webhooks: "v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>", several separated by spaces.
    public static bool VerifyStandard(string webhookId, string timestamp, string signatureHeader, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        var presented = ParseStandardSignatures(signatureHeader);
        if (presented.Count == 0)
        {
            return false;
        }

        foreach (var secret in secrets)
        {
            var expected = Hmac(StandardWebhookKey(secret), prefix, body);
            foreach (var signature in presented)
            {
                if (CryptographicOperations.FixedTimeEquals(expected, signature))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static string SignStandard(string secret, string webhookId, string timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Hmac(StandardWebhookKey(secret), Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}."), body));

    // Chatwoot: "sha256=<hex HMAC-SHA256(secret, "{timestamp}.{body}")>".
    public static bool VerifyChatwoot(string timestamp, string signatureHeader, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        const string scheme = "sha256=";
        if (!signatureHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || !TryFromHex(signatureHeader[scheme.Length..], out var presented))
        {
            return false;
        }

        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        foreach (var secret in secrets)
        {
            if (CryptographicOperations.FixedTimeEquals(Hmac(Encoding.UTF8.GetBytes(secret), prefix, body), presented))
            {
                return true;
            }
        }

        return false;
    }

    public static string SignChatwoot(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(Hmac(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "."), body));

    // Shopify: base64 HMAC-SHA256(secret, raw body) in X-Shopify-Hmac-Sha256.
    public static bool VerifyShopify(string signatureHeader, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        var buffer = new byte[signatureHeader.Length];
        if (signatureHeader.Length == 0 || !Convert.TryFromBase64String(signatureHeader, buffer, out var written))
        {
            return false;
        }

        var presented = buffer[..written];
        foreach (var secret in secrets)
        {
            if (CryptographicOperations.FixedTimeEquals(Hmac(Encoding.UTF8.GetBytes(secret), [], body), presented))
            {
                return true;
            }
        }

        return false;
    }

    public static string SignShopify(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(Hmac(Encoding.UTF8.GetBytes(secret), [], body));

    // Unix seconds within the allowed skew of now: a captured delivery cannot be replayed later.
    public static bool IsFresh(string timestamp, DateTimeOffset now) =>
        long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && seconds is > 0 and < 253402300799
        && (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() <= MaxClockSkew;

    private static byte[] StandardWebhookKey(string secret)
    {
        const string prefix = "whsec_";
        if (secret.StartsWith(prefix, StringComparison.Ordinal))
        {
            var buffer = new byte[secret.Length];
            if (Convert.TryFromBase64String(secret[prefix.Length..], buffer, out var written))
            {
                return buffer[..written];
            }
        }

        return Encoding.UTF8.GetBytes(secret);
    }

    private static List<byte[]> ParseStandardSignatures(string header)
    {
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("v1,", StringComparison.Ordinal))
            {
                var buffer = new byte[part.Length];
                if (Convert.TryFromBase64String(part[3..], buffer, out var written))
                {
                    signatures.Add(buffer[..written]);
                }
            }
        }

        return signatures;
    }

    private static byte[] Hmac(byte[] key, byte[] prefix, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool TryFromHex(string hex, out byte[] bytes)
    {
        bytes = new byte[hex.Length / 2];
        return hex.Length % 2 == 0
            && Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == bytes.Length;
    }
}

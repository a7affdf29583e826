using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Shops;

// Admin API keys, webhook secrets and platform accounts of one shop.
internal static class AccessEndpoints
{
    public static RouteGroupBuilder MapAccessEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapShopGroup("/").WithTags("Access");

        group.MapPost("/api-keys", CreateApiKey).WithName("CreateApiKey")
            .WithSummary("Issue an admin API key for the shop")
            .WithDescription("The key is in this response only; it is stored as a hash. A shop may hold several keys.")
            .WithRequestExample(new CreateApiKeyRequest("helpdesk integration"));
        group.MapGet("/api-keys", ListApiKeys).WithName("ListApiKeys").WithSummary("List the shop's API keys (prefixes only)");
        group.MapDelete("/api-keys/{keyId:guid}", RevokeApiKey).WithName("RevokeApiKey").WithSummary("Revoke an API key");

        group.MapPost("/webhook-secrets", CreateWebhookSecret).WithName("CreateWebhookSecret")
            .WithSummary("Add a webhook signing secret for a platform")
            .WithDescription("For 'generic' the service generates a Standard Webhooks secret (whsec_...) when none is given; " +
                "for shopify, chatwoot and douyin paste the secret the platform issued. Several active secrets per platform allow rotation.")
            .WithRequestExample(new CreateWebhookSecretRequest("generic", "main secret", null));
        group.MapGet("/webhook-secrets", ListWebhookSecrets).WithName("ListWebhookSecrets").WithSummary("List the shop's webhook secrets (hints only)");
        group.MapDelete("/webhook-secrets/{secretId:guid}", RevokeWebhookSecret).WithName("RevokeWebhookSecret").WithSummary("Revoke a webhook secret");

        group.MapPut("/platform-accounts/{platform}", PutPlatformAccount).WithName("PutPlatformAccount")
            .WithSummary("Link the shop to its account on a store platform")
            .WithDescription("For chatwoot: externalId is the Chatwoot account id, apiBaseUrl the Chatwoot address and accessToken the Agent Bot's " +
                "api_access_token; replies and handoffs are then pushed to Chatwoot. The token is write-only.")
            .WithRequestExample(new PutPlatformAccountRequest("cozy-wardrobe.myshopify.com", "Cozy Wardrobe", null));
        group.MapGet("/platform-accounts", ListPlatformAccounts).WithName("ListPlatformAccounts").WithSummary("List the shop's platform accounts");
        group.MapDelete("/platform-accounts/{platform}", DeletePlatformAccount).WithName("DeletePlatformAccount").WithSummary("Unlink a platform account");
        return group;
    }

    private static async Task<Created<CreatedApiKeyResponse>> CreateApiKey(
        string shopId, CreateApiKeyRequest request, BotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = ApiKeys.NewShopKey();
        var row = new ShopApiKey
        {
            Id = Guid.NewGuid(),
            ShopId = shopId,
            Name = request.Name.Trim(),
            Prefix = ApiKeys.DisplayPrefix(key),
            Hash = ApiKeys.Hash(key),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created(
            $"/api/v1/shops/{shopId}/api-keys/{row.Id}",
            new CreatedApiKeyResponse(row.Id, row.Name, row.Prefix, key, row.CreatedAt));
    }

    private static async Task<Ok<List<ApiKeyResponse>>> ListApiKeys(string shopId, BotDbContext db, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.ShopId == shopId)
            .OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeyResponse(k.Id, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(keys);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeApiKey(
        string shopId, Guid keyId, BotDbContext db, ApiKeyValidator validator, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.ShopId == shopId && k.Id == keyId, cancellationToken);
        if (key is null)
        {
            return Problems.NotFound($"API key '{keyId}' was not found.");
        }

        key.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        validator.Forget(key.Hash);
        return TypedResults.NoContent();
    }

    private static async Task<Created<CreatedWebhookSecretResponse>> CreateWebhookSecret(
        string shopId, CreateWebhookSecretRequest request, BotDbContext db, WebhookSecretCache secrets, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = new WebhookSecret
        {
            Id = Guid.NewGuid(),
            ShopId = shopId,
            Platform = request.Platform,
            Name = string.IsNullOrWhiteSpace(request.Name) ? $"{request.Platform} secret" : request.Name.Trim(),
            Secret = request.Secret ?? ApiKeys.NewStandardWebhookSecret(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WebhookSecrets.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        secrets.Forget(shopId, row.Platform);
        return TypedResults.Created(
            $"/api/v1/shops/{shopId}/webhook-secrets/{row.Id}",
            new CreatedWebhookSecretResponse(row.Id, row.Platform, row.Name, row.Secret, row.CreatedAt));
    }

    private static async Task<Ok<List<WebhookSecretResponse>>> ListWebhookSecrets(string shopId, BotDbContext db, CancellationToken cancellationToken)
    {
        var secrets = await db.WebhookSecrets.AsNoTracking()
            .Where(s => s.ShopId == shopId)
            .OrderBy(s => s.CreatedAt)
            .Select(s => new { s.Id, s.Platform, s.Name, s.Secret, s.CreatedAt, s.RevokedAt })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(secrets
            .Select(s => new WebhookSecretResponse(s.Id, s.Platform, s.Name, "…" + s.Secret[^4..], s.CreatedAt, s.RevokedAt))
            .ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeWebhookSecret(
        string shopId, Guid secretId, BotDbContext db, WebhookSecretCache secrets, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        var updated = await db.WebhookSecrets
            .Where(s => s.ShopId == shopId && s.Id == secretId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, x => x.RevokedAt ?? now), cancellationToken);
        foreach (var platform in Platforms.All)
        {
            secrets.Forget(shopId, platform);
        }

        return updated == 0
            ? Problems.NotFound($"Webhook secret '{secretId}' was not found.")
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PlatformAccountResponse>, ValidationProblem, ProblemHttpResult>> PutPlatformAccount(
        string shopId, string platform, PutPlatformAccountRequest request, BotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Platforms.IsKnown(platform))
        {
            return UnknownPlatform(platform);
        }

        var externalId = request.ExternalId.Trim();
        var takenByOther = await db.PlatformAccounts.AnyAsync(
            a => a.Platform == platform && a.ExternalId == externalId && a.ShopId != shopId, cancellationToken);
        if (takenByOther)
        {
            return Problems.Conflict($"The {platform} account '{externalId}' is linked to another shop.");
        }

        var account = await db.PlatformAccounts.SingleOrDefaultAsync(a => a.ShopId == shopId && a.Platform == platform, cancellationToken);
        if (account is null)
        {
            account = new PlatformAccount { ShopId = shopId, Platform = platform, ExternalId = externalId, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.PlatformAccounts.Add(account);
        }

        account.ExternalId = externalId;
        account.DisplayName = request.DisplayName;
        account.ApiBaseUrl = request.ApiBaseUrl;
        if (request.AccessToken is not null)
        {
            account.AccessToken = request.AccessToken.Length == 0 ? null : request.AccessToken.Trim();
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new PlatformAccountResponse(
            account.Platform, account.ExternalId, account.DisplayName, account.ApiBaseUrl, account.AccessToken is not null, account.CreatedAt));
    }

    private static async Task<Ok<List<PlatformAccountResponse>>> ListPlatformAccounts(string shopId, BotDbContext db, CancellationToken cancellationToken)
    {
        var accounts = await db.PlatformAccounts.AsNoTracking()
            .Where(a => a.ShopId == shopId)
            .OrderBy(a => a.Platform)
            .Select(a => new PlatformAccountResponse(a.Platform, a.ExternalId, a.DisplayName, a.ApiBaseUrl, a.AccessToken != null, a.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(accounts);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeletePlatformAccount(
        string shopId, string platform, BotDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.PlatformAccounts.Where(a => a.ShopId == shopId && a.Platform == platform).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0
            ? Problems.NotFound($"No {platform} account is linked to this shop.")
            : TypedResults.NoContent();
    }

    private static ValidationProblem UnknownPlatform(string platform) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["platform"] = [$"Unknown platform '{platform}'. Known platforms: {string.Join(", ", Platforms.All)}."],
        });
}

using System.Net;
using System.Text.Json;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using CustomerServiceBot.Api.Shops;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerServiceBot.IntegrationTests.Shops;

public abstract class ShopAccessTests(ApiFactory factory)
{
    [DbFact]
    public async Task OperatorCreatesShopAndIssuesKeyThatReadsTheShop()
    {
        var shop = await factory.CreateShopAsync("暖暖的店");
        using var client = factory.CreateClient(shop.ApiKey);

        var body = await (await client.GetAsync($"/api/v1/shops/{shop.Id}")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(shop.Id, body.GetProperty("id").GetString());
        Assert.Equal("暖暖的店", body.GetProperty("name").GetString());
        Assert.Equal("CNY", body.GetProperty("currency").GetString());
    }

    [DbFact]
    public async Task KeyIsStoredOnlyAsItsHash()
    {
        var shop = await factory.CreateShopAsync();

        var stored = await factory.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == shop.KeyId));

        Assert.Equal(32, stored.Hash.Length);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(shop.ApiKey)), stored.Hash);
        Assert.StartsWith(stored.Prefix, shop.ApiKey);
        Assert.True(stored.Prefix.Length < shop.ApiKey.Length / 2);
    }

    [DbFact]
    public async Task ListedKeysShowPrefixesButNeverTheKey()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);

        var response = await client.GetAsync($"/api/v1/shops/{shop.Id}/api-keys");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(shop.ApiKey, text);
        Assert.Contains(shop.ApiKey[..12], text);
    }

    [DbFact]
    public async Task RevokedKeyIsRefusedWith401()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/shops/{shop.Id}")).StatusCode);

        using var operatorClient = factory.CreateOperatorClient();
        var revoke = await operatorClient.DeleteAsync($"/api/v1/shops/{shop.Id}/api-keys/{shop.KeyId}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var problem = await (await client.GetAsync($"/api/v1/shops/{shop.Id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
    }

    [DbFact]
    public async Task ShopHoldsSeveralKeysAndRevokingOneKeepsTheOther()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);
        var second = await (await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/api-keys", new { name = "second" }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        using var secondClient = factory.CreateClient(second.GetProperty("key").GetString()!);

        await client.DeleteAsync($"/api/v1/shops/{shop.Id}/api-keys/{shop.KeyId}");

        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync($"/api/v1/shops/{shop.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/shops/{shop.Id}")).StatusCode);
    }

    [DbFact]
    public async Task MissingKeyIsA401ProblemThatSaysHowToAuthenticate()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/shops/any-shop");
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [DbFact]
    public async Task ApiKeysAreReadOnlyWhereAnEndpointAuthorizesItsCaller()
    {
        // No default scheme: the authentication middleware authenticates no request by itself (a signed webhook is
        // never looked up as an API key) ...
        var schemes = factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());

        // ... and every endpoint that authorizes its caller authenticates it with the API key.
        var policies = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorized = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null)
            .ToList();
        Assert.NotEmpty(authorized);
        Assert.DoesNotContain(authorized, e => (e as RouteEndpoint)?.RoutePattern.RawText?.StartsWith("/webhooks/") == true);
        foreach (var endpoint in authorized)
        {
            var policy = await AuthorizationPolicy.CombineAsync(
                policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            Assert.Equal([ShopClaims.Scheme], policy!.AuthenticationSchemes);
        }

        Assert.Equal([ShopClaims.Scheme], (await policies.GetDefaultPolicyAsync()).AuthenticationSchemes);
    }

    [DbFact]
    public async Task ShopKeyCannotCreateShops()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);

        var response = await client.PostJsonAsync("/api/v1/shops", new { name = "mine now" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task EveryShopRouteAnswers404ToAnotherShopsKey()
    {
        var owner = await factory.CreateShopAsync();
        var intruder = await factory.CreateShopAsync();
        using var client = factory.CreateClient(intruder.ApiKey);

        var routes = ApiRoutes.ShopRoutes(factory.Services).ToList();
        Assert.NotEmpty(routes);
        foreach (var (method, template) in routes)
        {
            var url = ApiRoutes.Fill(template, owner.Id);
            using var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = method is "POST" or "PUT" or "PATCH" ? JsonContent("{}") : null,
            };
            var response = await client.SendAsync(request);
            var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal($"Shop '{owner.Id}' was not found.", problem.GetProperty("detail").GetString());
        }
    }

    [DbFact]
    public async Task UnknownShopAndForeignShopLookTheSame()
    {
        var intruder = await factory.CreateShopAsync();
        var owner = await factory.CreateShopAsync();
        using var client = factory.CreateClient(intruder.ApiKey);

        var foreign = await (await client.GetAsync($"/api/v1/shops/{owner.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var missing = await (await client.GetAsync("/api/v1/shops/no-such-shop")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(foreign.GetProperty("title").GetString(), missing.GetProperty("title").GetString());
    }

    [DbFact]
    public async Task WebhookSecretIsShownOnceAndListedAsAHint()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);

        var created = await (await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/webhook-secrets", new { platform = "generic" }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString()!;
        var second = await (await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/webhook-secrets",
            new { platform = "chatwoot", secret = "chatwoot-secret-1234567890" })).AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        var list = await client.GetStringAsync($"/api/v1/shops/{shop.Id}/webhook-secrets");

        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal("chatwoot-secret-1234567890", second.GetProperty("secret").GetString());
        // Compared as decoded values: JSON may write a base64 "+" as an escape.
        using var listed = JsonDocument.Parse(list);
        var texts = listed.RootElement.EnumerateArray().SelectMany(e => e.EnumerateObject())
            .Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()!).ToList();
        Assert.DoesNotContain(texts, text => text.Contains(secret, StringComparison.Ordinal));
        var hint = listed.RootElement.EnumerateArray().Single(e => e.GetProperty("platform").GetString() == "generic").GetProperty("secretHint").GetString()!;
        Assert.EndsWith(secret[^4..], hint, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task PlatformAccountBelongsToOneShopOnly()
    {
        var first = await factory.CreateShopAsync();
        var second = await factory.CreateShopAsync();
        var domain = $"{first.Id}.myshopify.com";
        using var firstClient = factory.CreateClient(first.ApiKey);
        using var secondClient = factory.CreateClient(second.ApiKey);

        var linked = await firstClient.PutAsync($"/api/v1/shops/{first.Id}/platform-accounts/shopify", JsonContent($"{{\"externalId\":\"{domain}\"}}"));
        var stolen = await secondClient.PutAsync($"/api/v1/shops/{second.Id}/platform-accounts/shopify", JsonContent($"{{\"externalId\":\"{domain}\"}}"));

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        await stolen.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task OperatorDeletesShopWithEverythingItOwns()
    {
        var shop = await factory.CreateShopAsync();
        using var operatorClient = factory.CreateOperatorClient();

        var deleted = await operatorClient.DeleteAsync($"/api/v1/shops/{shop.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.ShopId == shop.Id)));
        await (await operatorClient.GetAsync($"/api/v1/shops/{shop.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed class ShopAccessSqliteTests(SqliteApiFactory factory) : ShopAccessTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class ShopAccessPostgreSqlTests(PostgreSqlApiFactory factory)
    : ShopAccessTests(factory), IClassFixture<PostgreSqlApiFactory>, IPostgreSqlTests;

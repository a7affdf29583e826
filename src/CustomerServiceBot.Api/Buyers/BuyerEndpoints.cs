using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Buyers;

// The merchant's view of buyers: who carries a tag, who is close to buying today, one buyer's
// profile with the reason for every tag, manual tags, and erasure on a buyer's request.
internal static class BuyerEndpoints
{
    public static RouteGroupBuilder MapBuyerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapShopGroup("/buyers").WithTags("Buyers");
        group.MapGet("", List).WithName("ListBuyers")
            .WithSummary("Buyers carrying a tag (all when omitted), newest profiles first, with every tag's reason")
            .WithDescription("tag: new | repeat | vip | price_sensitive | high_intent | at_risk | size:<size> | a manual tag. " +
                "Page with afterId = the previous page's nextAfterId.");
        group.MapGet("/high-intent", HighIntent).WithName("ListHighIntentBuyers")
            .WithSummary("Buyers to wake up: asked about price, stock or size repeatedly today without ordering, most questions first");
        group.MapGet("/{buyerId}", Get).WithName("GetBuyer")
            .WithSummary("A buyer's profile: orders, spend, sizes, price band, categories, sentiment, reminder response, and tags with reasons");
        group.MapPut("/{buyerId}/tags/{tag}", AddTag).WithName("AddBuyerTag")
            .WithSummary("Add a manual tag (computed tags such as vip or at_risk cannot be set by hand)");
        group.MapDelete("/{buyerId}/tags/{tag}", RemoveTag).WithName("RemoveBuyerTag").WithSummary("Remove a manual tag");
        group.MapDelete("/{buyerId}", Erase).WithName("EraseBuyer")
            .WithSummary("Erase a buyer's personal data on their request: profile, conversations and messages, and the buyer on orders, reminders and pushes")
            .WithDescription("Orders stay for the shop's accounts and the reminder report, without buyer id, nick or reply address. 404 when nothing is held.");
        return group;
    }

    private static async Task<Results<Ok<BuyerPage>, ValidationProblem>> List(
        string shopId, BotDbContext db, BuyerProfiles profiles, TimeProvider clock, CancellationToken cancellationToken,
        string? tag = null, long? afterId = null, int limit = 50)
    {
        if (limit is < 1 or > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit is 1 to 200."] });
        }

        if (tag is not null && MessageText.CheckId("tag", tag) is { } badTag)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tag"] = [badTag] });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.BuyerProfiles.AsNoTracking().Where(p => p.ShopId == shopId);
        if (tag is not null)
        {
            query = query.Where(p => p.Tags.Contains(tag));
        }

        if (afterId is not null)
        {
            query = query.Where(p => p.Id < afterId);
        }

        var rows = await query.OrderByDescending(p => p.Id).Take(limit).ToListAsync(cancellationToken);
        // The stored tags may be a day old ("high_intent" ends with the day): a row that no longer
        // carries the tag is left out of the page, and paging goes on from the last row read.
        var items = rows
            .Select(p => (Profile: p, Tags: profiles.TagsOf(p, now)))
            .Where(p => tag is null || p.Tags.Any(t => t.Tag == tag))
            .Select(p => new BuyerSummaryResponse(p.Profile.BuyerId, p.Tags.Select(ToResponse).ToList(), p.Profile.PaidOrders, p.Profile.SpendMinor, p.Profile.LastVisitAt))
            .ToList();
        return TypedResults.Ok(new BuyerPage(items, rows.Count == limit ? rows[^1].Id : null));
    }

    private static async Task<Results<Ok<List<HighIntentBuyerResponse>>, ValidationProblem>> HighIntent(
        string shopId, BotDbContext db, BuyerProfiles profiles, TimeProvider clock, CancellationToken cancellationToken, int limit = 50)
    {
        if (limit is < 1 or > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit is 1 to 200."] });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = BuyerTags.LocalDate(now, profiles.Zone(shopId));
        var threshold = profiles.Options.HighIntentQuestionsPerDay;
        var candidates = await db.BuyerProfiles.AsNoTracking()
            .Where(p => p.ShopId == shopId && p.IntentDay == today && p.PurchaseQuestionsToday >= threshold && p.PurchaseQuestionsToday > 0)
            .OrderByDescending(p => p.PurchaseQuestionsToday).ThenByDescending(p => p.LastVisitAt)
            .Take(limit * 2)
            .ToListAsync(cancellationToken);
        var buyers = candidates
            .Select(p => (Profile: p, Tag: profiles.TagsOf(p, now).FirstOrDefault(t => t.Tag == BuyerTags.HighIntent)))
            .Where(p => p.Tag is not null)
            .Take(limit)
            .Select(p => new HighIntentBuyerResponse(p.Profile.BuyerId, p.Profile.PurchaseQuestionsToday, p.Tag!.Reason, p.Profile.ViewedProducts, p.Profile.LastVisitAt))
            .ToList();
        return TypedResults.Ok(buyers);
    }

    private static async Task<Results<Ok<BuyerProfileResponse>, ProblemHttpResult>> Get(
        string shopId, string buyerId, BotDbContext db, BuyerProfiles profiles, TimeProvider clock, CancellationToken cancellationToken)
    {
        var profile = await db.BuyerProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.ShopId == shopId && p.BuyerId == buyerId, cancellationToken);
        return profile is null ? BuyerNotFound(buyerId) : TypedResults.Ok(ToResponse(profile, profiles.TagsOf(profile, clock.GetUtcNow().UtcDateTime)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AddTag(
        string shopId, string buyerId, string tag, BotDbContext db, BuyerProfiles profiles, ConversationLocks locks, IOptions<StorageOptions> storage,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (BuyerTags.ManualTagProblem(tag) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        return await ChangeManualTagsAsync(shopId, buyerId, db, profiles, locks, storage, clock, tags =>
        {
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }

            return tags.Count <= 20 ? null : "A buyer has at most 20 manual tags.";
        }, cancellationToken);
    }

    private static Task<Results<NoContent, ProblemHttpResult>> RemoveTag(
        string shopId, string buyerId, string tag, BotDbContext db, BuyerProfiles profiles, ConversationLocks locks, IOptions<StorageOptions> storage,
        TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeManualTagsAsync(shopId, buyerId, db, profiles, locks, storage, clock,
            tags => tags.Remove(tag) ? null : $"Buyer '{buyerId}' has no manual tag '{tag}'.", cancellationToken, missingIsNotFound: true);

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeManualTagsAsync(
        string shopId, string buyerId, BotDbContext db, BuyerProfiles profiles, ConversationLocks locks, IOptions<StorageOptions> storage,
        TimeProvider clock, Func<List<string>, string?> change, CancellationToken cancellationToken, bool missingIsNotFound = false)
    {
        using var writer = await locks.AcquireSqliteWriterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BuyerProfiles.LockAsync(db, storage.Value.Provider, shopId, buyerId, cancellationToken);

        var profile = await BuyerProfiles.FindAsync(db, shopId, buyerId, cancellationToken);
        if (profile is null)
        {
            return BuyerNotFound(buyerId);
        }

        var tags = profile.ManualTags.ToList();
        if (change(tags) is { } problem)
        {
            return missingIsNotFound ? Problems.NotFound(problem) : Problems.BadRequest(problem);
        }

        profile.ManualTags = tags;
        profiles.Retag(profile, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<BuyerErasureResponse>, ProblemHttpResult>> Erase(
        string shopId, string buyerId, BuyerErasure erasure, CancellationToken cancellationToken)
    {
        var erased = await erasure.EraseAsync(shopId, buyerId, cancellationToken);
        return erased is null ? BuyerNotFound(buyerId) : TypedResults.Ok(erased);
    }

    private static ProblemHttpResult BuyerNotFound(string buyerId) => Problems.NotFound($"No data is held for buyer '{buyerId}'.");

    private static BuyerTagResponse ToResponse(BuyerTag tag) => new(tag.Tag, tag.Reason, tag.Source);

    private static BuyerProfileResponse ToResponse(BuyerProfile p, IReadOnlyList<BuyerTag> tags) => new(
        p.BuyerId,
        tags.Select(ToResponse).ToList(),
        p.FirstSeenAt,
        p.LastVisitAt,
        p.Orders,
        p.PaidOrders,
        p.SpendMinor,
        p.LastOrderAt,
        p.LastPaidAt,
        p.ItemsBought > 0 && p.MinItemPriceMinor is not null ? p.ItemSpendMinor / p.ItemsBought : null,
        p.MinItemPriceMinor,
        p.MaxItemPriceMinor,
        p.SizesBought.Select(t => new TallyResponse(t.Value, t.Count)).ToList(),
        p.CategoriesBought.Select(t => new TallyResponse(t.Value, t.Count)).ToList(),
        p.BoughtProducts,
        p.ViewedProducts,
        p.Messages,
        p.AngryMessages,
        p.AnxiousMessages,
        p.Complaints,
        p.LastAngryAt,
        p.LastComplaintAt,
        p.RecentEmotions,
        p.PriceQuestions,
        p.PurchaseQuestionsToday,
        p.RemindedOrders,
        p.RemindedOrdersPaid,
        p.RemindedOrders > 0 ? Math.Round((double)p.RemindedOrdersPaid / p.RemindedOrders, 4) : null);
}

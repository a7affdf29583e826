namespace CustomerServiceBot.Api.Buyers;

public sealed record BuyerTagResponse(string Tag, string Reason, string Source);

public sealed record BuyerSummaryResponse(string BuyerId, IReadOnlyList<BuyerTagResponse> Tags, int PaidOrders, long Spend, DateTime LastVisitAt);

public sealed record BuyerPage(IReadOnlyList<BuyerSummaryResponse> Items, long? NextAfterId);

public sealed record HighIntentBuyerResponse(
    string BuyerId, int QuestionsToday, string Reason, IReadOnlyList<string> ViewedProducts, DateTime LastVisitAt);

public sealed record TallyResponse(string Value, int Count);

public sealed record BuyerProfileResponse(
    string BuyerId,
    IReadOnlyList<BuyerTagResponse> Tags,
    DateTime FirstSeenAt,
    DateTime LastVisitAt,
    int Orders,
    int PaidOrders,
    long Spend,
    DateTime? LastOrderAt,
    DateTime? LastPaidAt,
    long? AverageItemPrice,
    long? MinItemPrice,
    long? MaxItemPrice,
    IReadOnlyList<TallyResponse> SizesBought,
    IReadOnlyList<TallyResponse> CategoriesBought,
    IReadOnlyList<string> BoughtProducts,
    IReadOnlyList<string> ViewedProducts,
    int Messages,
    int AngryMessages,
    int AnxiousMessages,
    int Complaints,
    DateTime? LastAngryAt,
    DateTime? LastComplaintAt,
    IReadOnlyList<string> RecentEmotions,
    int PriceQuestions,
    int PurchaseQuestionsToday,
    int RemindedOrders,
    int RemindedOrdersPaid,
    double? ReminderResponseRate);

public sealed record BuyerErasureResponse(
    string BuyerId, int Profiles, int Conversations, int Messages, int OrdersAnonymised, int Reminders, int OutboxMessages);

using CustomerServiceBot.Api.Reminders;

namespace CustomerServiceBot.Tests.Reminders;

public sealed class ChatNudgeTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static Order Order(long id, string buyer, string status = OrderStatus.Pending, string kind = OrderKind.Order, DateTime? autoCloseAt = null) =>
        new() { Id = id, ShopId = "s", Platform = "generic", OrderId = $"E-{id}", BuyerId = buyer, Status = status, Kind = kind, AutoCloseAt = autoCloseAt };

    [Fact]
    public void EachBuyerGetsTheNewestOrderStillOpenAndUnpaidAtNow()
    {
        // Read a moment before now: order 5 closed in between and must not be chosen over order 4.
        var orders = new[]
        {
            Order(3, "a"),
            Order(4, "a", OrderStatus.DepositPaid, autoCloseAt: Now.AddMinutes(30)),
            Order(5, "a", autoCloseAt: Now),
            Order(6, "a", OrderStatus.Paid),
            Order(7, "a", kind: OrderKind.Cart),
            Order(8, "b", autoCloseAt: Now.AddSeconds(-1)),
            Order(9, "c"),
        };

        var chosen = ChatNudge.NewestOpenUnpaid(orders, [("s", "a"), ("s", "b")], Now);

        Assert.Equal(4, chosen[("s", "a")].Id);
        Assert.False(chosen.ContainsKey(("s", "b")));
        Assert.False(chosen.ContainsKey(("s", "c")));
    }
}

using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Outbound;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Reminders;

// Asked by the dispatcher right before a reminder goes to the platform: a reminder whose order has
// been paid, cancelled or closed since it was queued is cancelled instead of sent.
internal sealed class ReminderSendCheck : IOutboxSendCheck
{
    public string Kind => OutboxKind.Reminder;

    public async Task<IReadOnlyDictionary<long, string>> StaleAsync(BotDbContext db, IReadOnlyList<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var states = await db.Reminders.AsNoTracking()
            .Where(r => r.OutboxMessageId != null && ids.Contains(r.OutboxMessageId.Value))
            .Join(db.Orders, r => r.OrderRowId, o => o.Id, (r, o) => new { r.OutboxMessageId, r.Kind, OrderKind = o.Kind, o.Status })
            .ToListAsync(cancellationToken);
        return states
            .Where(s => ReminderKind.For(s.OrderKind, s.Status) != s.Kind)
            .ToDictionary(s => s.OutboxMessageId!.Value, s => $"The order is {s.Status}.");
    }
}

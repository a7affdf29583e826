using System.Globalization;
using System.Text;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Outbound;
using CustomerServiceBot.Api.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Reminders;

// Per rule and day: orders reminded and orders in the holdout group, each paid within the attribution
// window (3 days) after its first reminder (or, for the holdout, after the reminder it was not sent),
// and the uplift between the two rates in percentage points. Day = the shop-local day of that first reminder.
public sealed record RecoveryRow(
    DateOnly? Day, long RuleId, string RuleName, string Kind,
    int RemindedOrders, int RemindedPaid, long RemindedPaidAmount, double RemindedPaymentRate,
    int HoldoutOrders, int HoldoutPaid, long HoldoutPaidAmount, double HoldoutPaymentRate,
    double UpliftPoints, double ExtraPaidOrders);

// Per rule, step and day: what the scheduler decided and what the platform did with what was sent.
// PaidAfter counts orders paid within the attribution window whose last reminder before paying was this step.
public sealed record StepRow(
    DateOnly Day, long RuleId, int Step, int Sent, int Delivered, int Failed, int InFlight, int StoppedInFlight,
    int Withheld, int Cancelled, int Skipped, IReadOnlyDictionary<string, int> SkippedByReason, int PaidAfter, long PaidAfterAmount);

public sealed record ReminderReport(
    DateOnly From, DateOnly To, int AttributionDays, IReadOnlyList<RecoveryRow> Totals, IReadOnlyList<RecoveryRow> Recovery, IReadOnlyList<StepRow> Steps);

// Reads the period's processed reminders with their orders and outbox rows and aggregates in memory:
// a report covers one shop and a bounded period.
internal sealed class ReminderReports(BotDbContext db, ShopTimeZones zones, TimeProvider clock, IOptions<ReminderOptions> options)
{
    public const int MaxDays = 366;

    public static Dictionary<string, string[]>? CheckRange(DateOnly? from, DateOnly? to) =>
        from > to ? new() { ["from"] = ["from is after to."] }
        : from is { } f && to is { } t && t.DayNumber - f.DayNumber >= MaxDays ? new() { ["to"] = [$"A report covers at most {MaxDays} days."] }
        : null;

    private sealed record Row(long RuleId, int Step, long OrderRowId, string Status, string? SkipReason, DateTime ProcessedAt, long AmountMinor, DateTime? PaidAt, string OrderStatus, string? OutboxStatus);

    public async Task<ReminderReport> BuildAsync(string shopId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var zone = zones.Get(shopId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
        var last = to ?? (from is { } start ? start.AddDays(29) : today);
        var first = from ?? last.AddDays(-29);
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(first.ToDateTime(TimeOnly.MinValue), zone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var window = TimeSpan.FromDays(options.Value.AttributionDays);

        var rows = await (
                from r in db.Reminders.AsNoTracking()
                where r.ShopId == shopId && r.ProcessedAt >= fromUtc && r.ProcessedAt < toUtc
                join o in db.Orders on r.OrderRowId equals o.Id
                join m in db.OutboxMessages on r.OutboxMessageId equals (long?)m.Id into sent
                from m in sent.DefaultIfEmpty()
                select new Row(r.RuleId, r.Step, r.OrderRowId, r.Status, r.SkipReason, r.ProcessedAt!.Value, r.AmountMinor, o.PaidAt, o.Status, m == null ? null : m.Status))
            .ToListAsync(cancellationToken);
        var rules = await db.ReminderRules.AsNoTracking().Where(r => r.ShopId == shopId)
            .Select(r => new { r.Id, r.Name, r.Kind }).ToDictionaryAsync(r => r.Id, cancellationToken);
        DateOnly Day(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));

        // A reminder counts as reaching the buyer unless it was stopped in flight (order paid first).
        bool Reached(Row r) => r.Status == ReminderStatus.Sent && r.OutboxStatus != OutboxStatus.Cancelled;
        bool PaidInWindow(DateTime? paidAt, DateTime after) => paidAt is { } paid && paid >= after && paid - after <= window;

        var orders = rows.GroupBy(r => (r.RuleId, r.OrderRowId)).Select(g =>
        {
            var reached = g.Where(Reached).OrderBy(r => r.ProcessedAt).ToList();
            var withheld = g.Where(r => r.Status == ReminderStatus.Withheld).OrderBy(r => r.ProcessedAt).ToList();
            var any = g.First();
            return new
            {
                g.Key.RuleId,
                Reminded = reached.Count > 0 ? reached[0].ProcessedAt : (DateTime?)null,
                Held = reached.Count == 0 && withheld.Count > 0 ? withheld[0].ProcessedAt : (DateTime?)null,
                // Credited to the last reminder that reached the buyer before the payment.
                Credit = any.PaidAt is { } paid ? reached.LastOrDefault(r => r.ProcessedAt <= paid) : null,
                any.PaidAt,
                any.AmountMinor,
            };
        }).ToList();

        RecoveryRow Aggregate(DateOnly? day, long ruleId, IReadOnlyCollection<(DateTime? Reminded, DateTime? Held, DateTime? PaidAt, long Amount)> items)
        {
            var rule = rules.GetValueOrDefault(ruleId);
            var reminded = items.Where(i => i.Reminded is not null).ToList();
            var held = items.Where(i => i.Held is not null).ToList();
            var remindedPaid = reminded.Where(i => PaidInWindow(i.PaidAt, i.Reminded!.Value)).ToList();
            var heldPaid = held.Where(i => PaidInWindow(i.PaidAt, i.Held!.Value)).ToList();
            var remindedRate = reminded.Count == 0 ? 0 : (double)remindedPaid.Count / reminded.Count;
            var heldRate = held.Count == 0 ? 0 : (double)heldPaid.Count / held.Count;
            var uplift = reminded.Count == 0 || held.Count == 0 ? 0 : remindedRate - heldRate;
            return new RecoveryRow(day, ruleId, rule?.Name ?? "", rule?.Kind ?? "",
                reminded.Count, remindedPaid.Count, remindedPaid.Sum(i => i.Amount), Math.Round(remindedRate, 4),
                held.Count, heldPaid.Count, heldPaid.Sum(i => i.Amount), Math.Round(heldRate, 4),
                Math.Round(uplift * 100, 2), Math.Round(uplift * reminded.Count, 1));
        }

        var recoveryItems = orders.Where(o => o.Reminded is not null || o.Held is not null)
            .Select(o => (o.RuleId, Day: Day((o.Reminded ?? o.Held)!.Value), Item: (o.Reminded, o.Held, o.PaidAt, o.AmountMinor)))
            .ToList();
        var totals = recoveryItems.GroupBy(i => i.RuleId).OrderBy(g => g.Key)
            .Select(g => Aggregate(null, g.Key, g.Select(i => i.Item).ToList())).ToList();
        var recovery = recoveryItems.GroupBy(i => (i.Day, i.RuleId)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.RuleId)
            .Select(g => Aggregate(g.Key.Day, g.Key.RuleId, g.Select(i => i.Item).ToList())).ToList();

        var credits = orders.Where(o => o.Credit is { } c && PaidInWindow(o.PaidAt, c.ProcessedAt)).Select(o => o.Credit!).ToHashSet();
        var steps = rows.GroupBy(r => (Day: Day(r.ProcessedAt), r.RuleId, r.Step)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.RuleId).ThenBy(g => g.Key.Step)
            .Select(g => new StepRow(g.Key.Day, g.Key.RuleId, g.Key.Step,
                g.Count(r => r.Status == ReminderStatus.Sent),
                g.Count(r => r.Status == ReminderStatus.Sent && r.OutboxStatus == OutboxStatus.Sent),
                g.Count(r => r.Status == ReminderStatus.Sent && r.OutboxStatus == OutboxStatus.Dead),
                g.Count(r => r.Status == ReminderStatus.Sent && r.OutboxStatus == OutboxStatus.Pending),
                g.Count(r => r.Status == ReminderStatus.Sent && r.OutboxStatus == OutboxStatus.Cancelled),
                g.Count(r => r.Status == ReminderStatus.Withheld),
                g.Count(r => r.Status == ReminderStatus.Cancelled),
                g.Count(r => r.Status == ReminderStatus.Skipped),
                g.Where(r => r.Status == ReminderStatus.Skipped).GroupBy(r => r.SkipReason ?? "").ToDictionary(s => s.Key, s => s.Count()),
                g.Count(credits.Contains),
                g.Where(credits.Contains).Sum(r => r.AmountMinor)))
            .ToList();
        return new ReminderReport(first, last, options.Value.AttributionDays, totals, recovery, steps);
    }

    public static string RecoveryCsv(ReminderReport report)
    {
        var csv = new StringBuilder("day,rule_id,rule_name,kind,reminded_orders,reminded_paid,reminded_paid_amount,reminded_payment_rate,holdout_orders,holdout_paid,holdout_paid_amount,holdout_payment_rate,uplift_points,extra_paid_orders\n");
        foreach (var r in report.Totals.Concat(report.Recovery))
        {
            Line(csv, r.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "total", r.RuleId, r.RuleName, r.Kind, r.RemindedOrders, r.RemindedPaid, r.RemindedPaidAmount,
                r.RemindedPaymentRate, r.HoldoutOrders, r.HoldoutPaid, r.HoldoutPaidAmount, r.HoldoutPaymentRate, r.UpliftPoints, r.ExtraPaidOrders);
        }

        return csv.ToString();
    }

    public static string StepsCsv(ReminderReport report)
    {
        var csv = new StringBuilder("day,rule_id,step,sent,delivered,failed,in_flight,stopped_in_flight,withheld,cancelled,skipped,skipped_by_reason,paid_after,paid_after_amount\n");
        foreach (var s in report.Steps)
        {
            Line(csv, s.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.RuleId, s.Step, s.Sent, s.Delivered, s.Failed, s.InFlight, s.StoppedInFlight,
                s.Withheld, s.Cancelled, s.Skipped, string.Join(";", s.SkippedByReason.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
                s.PaidAfter, s.PaidAfterAmount);
        }

        return csv.ToString();
    }

    private static void Line(StringBuilder csv, params object[] values)
    {
        csv.AppendJoin(',', values.Select(v => Field(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")));
        csv.Append('\n');
    }

    // RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet does not run it as a formula.
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '@' or '-' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}

using System.ComponentModel.DataAnnotations;

namespace CustomerServiceBot.Api.Reminders;

internal sealed class ReminderOptions
{
    public const string Section = "Reminders";

    // How often the scheduler looks for due reminders; a new chain on this replica wakes it at once.
    [Range(10, 60_000)] public int PollMilliseconds { get; set; } = 1000;

    // Due reminders decided in one transaction.
    [Range(1, 1000)] public int BatchSize { get; set; } = 100;

    // False: this instance takes order events and admin calls but decides no reminders (the other
    // replicas do); their decisions and sends are unaffected.
    public bool RunScheduler { get; set; } = true;

    // "Paid within N days after a reminder" in the recovery report.
    [Range(1, 30)] public int AttributionDays { get; set; } = 3;
}

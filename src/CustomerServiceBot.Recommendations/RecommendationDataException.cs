namespace CustomerServiceBot.Recommendations;

// A catalog or order file that cannot be read. The message is one line naming the file (and the line
// where there is one), so a merchant can fix an export without a stack trace.
internal sealed class RecommendationDataException(string message) : Exception(message);

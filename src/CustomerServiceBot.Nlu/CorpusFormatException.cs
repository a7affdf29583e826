namespace CustomerServiceBot.Nlu;

// Bad training or test data: the message names the file and line so that whoever edits the corpus
// can fix it without a debugger.
public sealed class CorpusFormatException(string message) : Exception(message);

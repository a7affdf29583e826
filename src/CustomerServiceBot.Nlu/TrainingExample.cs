namespace CustomerServiceBot.Nlu;

public sealed record TrainingExample(string Text, string Label);

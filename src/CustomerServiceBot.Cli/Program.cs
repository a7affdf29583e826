return CustomerServiceBot.Cli.CliApp.Run(args, Console.Out, Console.Error);

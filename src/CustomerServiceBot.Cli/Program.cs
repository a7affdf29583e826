Console.Error.WriteLine("csbot: no commands yet");
return 1;

Console.WriteLine("Blitz demo");

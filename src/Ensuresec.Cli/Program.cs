Console.WriteLine("ensuresec");

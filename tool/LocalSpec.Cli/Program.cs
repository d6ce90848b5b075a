return LocalSpec.Cli.CliApp.Run(args);

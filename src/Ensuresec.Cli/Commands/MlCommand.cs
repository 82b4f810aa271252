using System.CommandLine;

namespace Ensuresec.Cli.Commands;

/// <summary><c>ensuresec ml train|eval|score</c>: our own machine learning on CSV and ARFF files.</summary>
internal static class MlCommand
{
    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var command = new Command("ml", "Train, evaluate and apply fraud and abuse models (gradient-boosted trees, logistic regression, isolation forest) and linear text classifiers (TF-IDF with logistic regression or a linear SVM).");
        command.Subcommands.Add(MlTrainCommand.Create(output, error));
        command.Subcommands.Add(MlEvalCommand.Create(output, error));
        command.Subcommands.Add(MlScoreCommand.Create(output, error));
        return command;
    }
}

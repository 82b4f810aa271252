namespace Ensuresec.Learning.Trees;

/// <summary>A trained forest and how validation went: log loss after each round, and the round kept.</summary>
public sealed record GbdtTraining(GbdtModel Model, IReadOnlyList<double> ValidationLogLoss, int BestRound);

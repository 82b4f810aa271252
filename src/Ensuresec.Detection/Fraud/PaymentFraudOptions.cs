using Ensuresec.Detection.Common;
using Ensuresec.Learning.Models;

namespace Ensuresec.Detection.Fraud;

/// <summary>Settings of the payment-fraud detector (YAML: detectors.payment-fraud).</summary>
public sealed record PaymentFraudOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>A payment scoring at or above this probability is reported.</summary>
    public double Threshold { get; init; } = 0.9;

    /// <summary>
    /// A model file from <c>ensuresec ml train</c> over <see cref="PaymentFeatures.Names"/> (any subset); without it
    /// the built-in scorecard (<see cref="PaymentScorecard"/>) scores.
    /// </summary>
    public string? ModelPath { get; init; }

    /// <summary>How many reasons (the features that raised the score most) a finding names.</summary>
    public int Reasons { get; init; } = 3;

    /// <summary>Most recent events remembered per card, customer, device, address or merchant.</summary>
    public int MaxEntriesPerKey { get; init; } = 1_000;

    /// <summary>A card, customer, device, address or merchant unseen this long is forgotten (its history with it).</summary>
    public TimeSpan IdleExpiry { get; init; } = TimeSpan.FromDays(30);

    /// <summary>After a customer was reported, their next payments are reported again only after this long.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromHours(1);

    public IReadOnlyList<OptionsError> Validate()
    {
        var errors = new List<OptionsError>();
        OptionChecks.Ratio(errors, nameof(Threshold), Threshold);
        OptionChecks.AtLeast(errors, nameof(Reasons), Reasons, 1);
        OptionChecks.AtLeast(errors, nameof(MaxEntriesPerKey), MaxEntriesPerKey, 16);
        OptionChecks.Positive(errors, nameof(IdleExpiry), IdleExpiry);
        OptionChecks.Positive(errors, nameof(CoolDown), CoolDown);
        if (ModelPath is not null && LoadModel() is (null, string problem)) errors.Add(new OptionsError(nameof(ModelPath), problem));
        return errors;
    }

    /// <summary>The configured model (or the built-in scorecard), or why the model file cannot be used.</summary>
    public (IScoringModel? Model, string? Error) LoadModel()
    {
        if (ModelPath is null) return (PaymentScorecard.Model, null);
        try
        {
            var read = ModelFile.Read(File.ReadAllText(ModelPath));
            if (read.Model is null) return (null, $"{ModelPath}: {read.Error}");
            var unknown = read.Model.FeatureNames.FirstOrDefault(f => !PaymentFeatures.Names.Contains(f));
            return unknown is null
                ? (read.Model, null)
                : (null, $"{ModelPath}: feature '{unknown}' is not one the detector computes ({string.Join(", ", PaymentFeatures.Names)})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"{ModelPath}: cannot read ({ex.Message})");
        }
    }
}

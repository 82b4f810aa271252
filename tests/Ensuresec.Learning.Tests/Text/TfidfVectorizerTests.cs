using Ensuresec.Learning.Text;

namespace Ensuresec.Learning.Tests.Text;

public sealed class TfidfVectorizerTests
{
    private static readonly string[] Corpus = ["The cat sat", "the cat, the dog", "Dog!"];

    private static TfidfOptions Unigrams => new() { WordNgramMin = 1, WordNgramMax = 1 };

    [Fact]
    public void Tokenizer_SplitsOnUnicodeWordCharactersAndLowerCases()
    {
        // Letters, digits, combining marks and '_' make words; apostrophes, dashes and symbols split them.
        Tokenizer.Words("Don't STOP — naïve café_2 東京 Ωμέγα 𝒜bc!", lowercase: true)
            .ShouldBe(["don", "t", "stop", "naïve", "café_2", "東京", "ωμέγα", "𝒜bc"]);
        Tokenizer.Words("Don't", lowercase: false).ShouldBe(["Don", "t"]);
        Tokenizer.Words("  ...  ", lowercase: true).ShouldBeEmpty();
    }

    [Fact]
    public void CharNgrams_WithinWordsArePaddedAndAcrossTextsSpanWords()
    {
        var within = new List<string>();
        Tokenizer.Ngrams("Ab c", new TfidfOptions { WordNgramMax = 0, CharNgramMin = 3, CharNgramMax = 3 }, within.Add);
        within.ShouldBe(["c: ab", "c:ab ", "c: c "]);

        var across = new List<string>();
        Tokenizer.Ngrams(" Ab \t c ", new TfidfOptions { WordNgramMax = 0, CharNgramMin = 3, CharNgramMax = 3, CharMode = CharNgramMode.Across }, across.Add);
        across.ShouldBe(["c:ab ", "c:b c"]);
    }

    [Fact]
    public void CharNgrams_CountCodePointsNotUtf16Units()
    {
        // U+1D49C is two UTF-16 units; a bigram never splits it.
        var grams = new List<string>();
        Tokenizer.Ngrams("𝒜b", new TfidfOptions { WordNgramMax = 0, CharNgramMin = 2, CharNgramMax = 2, CharMode = CharNgramMode.Across }, grams.Add);
        grams.ShouldBe(["c:𝒜b"]);
    }

    [Fact]
    public void WordNgrams_JoinWordsWithOneSpace()
    {
        var grams = new List<string>();
        Tokenizer.Ngrams("a, b  c", new TfidfOptions { WordNgramMin = 1, WordNgramMax = 3 }, grams.Add);
        grams.ShouldBe(["a", "b", "c", "a b", "b c", "a b c"]);
    }

    [Fact]
    public void Fit_KnownAnswer_SmoothedIdfAndUnitLength()
    {
        // By hand: n = 3 documents; df(cat) = df(dog) = df(the) = 2, df(sat) = 1.
        // idf = ln((1 + n) / (1 + df)) + 1: ln(4/3) + 1 = 1.2876821, ln(4/2) + 1 = 1.6931472.
        var v = TfidfVectorizer.Fit(Corpus, Unigrams);
        v.Vocabulary.ShouldBe(["cat", "dog", "sat", "the"]);
        v.Idf[0].ShouldBe(Math.Log(4.0 / 3) + 1, 1e-12);
        v.Idf[2].ShouldBe(Math.Log(2) + 1, 1e-12);

        // "The cat sat": (1.2876821, 1.6931472, 1.2876821) / 2.4865626 (its length).
        var first = v.Transform(Corpus[0]);
        first.Indices.ShouldBe([0, 2, 3]);
        first.Values[0].ShouldBe(0.517856, 1e-6);
        first.Values[1].ShouldBe(0.680919, 1e-6);
        first.Values[2].ShouldBe(0.517856, 1e-6);

        // "the cat, the dog": tf(the) = 2, so (1, 1, 2)·1.2876821, of length 1.2876821·√6.
        var second = v.Transform(Corpus[1]);
        second.Indices.ShouldBe([0, 1, 3]);
        second.Values[0].ShouldBe(1 / Math.Sqrt(6), 1e-12);
        second.Values[2].ShouldBe(2 / Math.Sqrt(6), 1e-12);
        v.Transform(Corpus[2]).Values.ShouldBe([1.0]);
    }

    [Fact]
    public void Fit_KnownAnswer_SublinearTfWithBigramsAndPlainIdf()
    {
        var sublinear = TfidfVectorizer.Fit(Corpus, new TfidfOptions { SublinearTf = true });
        sublinear.Vocabulary.ShouldBe(["cat", "cat sat", "cat the", "dog", "sat", "the", "the cat", "the dog"]);
        // tf(the) = 1 + ln 2 in the second document; scikit-learn gives 0.554473 for it, 0.327481 for cat.
        var second = sublinear.Transform(Corpus[1]);
        second.Values[Array.IndexOf(second.Indices, 5)].ShouldBe(0.554473, 1e-6);
        second.Values[Array.IndexOf(second.Indices, 0)].ShouldBe(0.327481, 1e-6);

        // idf = ln(n / df) + 1 without smoothing: ln(3/2) + 1 and ln 3 + 1.
        var plain = TfidfVectorizer.Fit(Corpus, Unigrams with { SmoothIdf = false });
        plain.Idf[0].ShouldBe(Math.Log(1.5) + 1, 1e-12);
        plain.Idf[2].ShouldBe(Math.Log(3) + 1, 1e-12);
        plain.Transform(Corpus[0]).Values[1].ShouldBe(0.726044, 1e-6);
    }

    [Fact]
    public void Fit_MinDfMaxDfAndMaxFeaturesPruneTheVocabulary()
    {
        TfidfVectorizer.Fit(Corpus, Unigrams with { MinDocumentFrequency = 2 }).Vocabulary.ShouldBe(["cat", "dog", "the"]);
        TfidfVectorizer.Fit(Corpus, Unigrams with { MaxDocumentFrequency = 0.5 }).Vocabulary.ShouldBe(["sat"]);
        // Corpus counts: the 3, cat 2, dog 2, sat 1; the tie between cat and dog goes to the ordinally first.
        TfidfVectorizer.Fit(Corpus, Unigrams with { MaxFeatures = 2 }).Vocabulary.ShouldBe(["cat", "the"]);
        // A term outside the vocabulary is ignored, not an error.
        TfidfVectorizer.Fit(Corpus, Unigrams).Transform("zebra cat").Indices.ShouldBe([0]);
    }

    [Fact]
    public void Fit_NoLowercase_KeepsCaseApart() =>
        TfidfVectorizer.Fit(Corpus, Unigrams with { Lowercase = false }).Vocabulary.ShouldBe(["Dog", "The", "cat", "dog", "sat", "the"]);

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   \n\t", "is empty")]
    [InlineData("?! … —", "has no words")]
    public void BadDocuments_AreRefusedNamingTheirPosition(string bad, string message)
    {
        var error = Should.Throw<TextDocumentException>(() => TfidfVectorizer.Fit(["fine text", bad], Unigrams));
        error.Position.ShouldBe(1);
        error.Message.ShouldContain("document 1 " + message);
        Should.Throw<TextDocumentException>(() => TfidfVectorizer.Fit(Corpus, Unigrams).TransformAll(["cat", bad, "dog"], 2)).Position.ShouldBe(1);
    }

    [Fact]
    public void HugeDocuments_AreRefusedNotCut()
    {
        var options = Unigrams with { MaxDocumentChars = 1000 };
        var error = Should.Throw<TextDocumentException>(() => TfidfVectorizer.Fit(["ok", new string('a', 1001)], options));
        error.Message.ShouldContain("1,001 characters; at most 1,000");
    }

    [Fact]
    public void Fit_BadOptions_AreNamed()
    {
        Should.Throw<ArgumentException>(() => TfidfVectorizer.Fit(Corpus, new TfidfOptions { WordNgramMin = 3, WordNgramMax = 2 })).Message.ShouldContain("word-ngrams");
        Should.Throw<ArgumentException>(() => TfidfVectorizer.Fit(Corpus, new TfidfOptions { WordNgramMax = 0 })).Message.ShouldContain("at least one kind");
        Should.Throw<ArgumentException>(() => TfidfVectorizer.Fit(Corpus, Unigrams with { MinDocumentFrequency = 9 })).Message.ShouldContain("no n-gram is left");
        Should.Throw<ArgumentException>(() => TfidfVectorizer.Fit([], Unigrams)).Message.ShouldContain("no documents");
    }
}

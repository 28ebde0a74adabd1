package dev.rill.engine;

import dev.rill.config.TaskType;
import dev.rill.corpus.CorpusStore;
import dev.rill.generate.NextTokenModel;
import dev.rill.generate.RecurrentStepper;
import dev.rill.generate.TokenStepper;
import dev.rill.text.DataException;
import dev.rill.text.RunningText;
import dev.rill.text.Vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A language model loaded from a bundle, a network or a count-based baseline, with the text
 * handling it was trained with: what {@code rill generate} and {@code rill evaluate} use, and what a
 * server would hold.
 *
 * <p>Prompts: text is tokenized as in training ({@link RunningText}); a token outside the
 * vocabulary is read as {@code <unk>}, exactly as held-out text is in evaluation, and reported in
 * {@link Prompt#unknown()} so callers can warn. An empty prompt starts the model as at the start
 * of a line: it reads the line-break token (not part of the output), or, when the vocabulary has
 * none, its most frequent token.
 *
 * <p>Thread safety: {@link #stepper()} gives each generation its own state (a copy of the
 * network for a recurrent model, since DL4J keeps {@code rnnTimeStep} state inside the network),
 * so one instance can serve concurrent requests; {@link #evaluate} uses the bundle's own network
 * and must not run concurrently with itself.
 */
public final class TrainedLanguageModel {

    private final ModelBundle bundle;
    private final RunningText text;
    private final NextTokenModel counted;

    /** @throws DataException when the bundle holds another task's model */
    public TrainedLanguageModel(ModelBundle bundle) {
        if (bundle.config().task() != TaskType.LANGUAGE_MODEL) {
            throw new DataException("this bundle holds a " + bundle.config().task().yamlName()
                    + " model, not a language model; `rill generate` needs a bundle trained with task: language_model");
        }
        this.bundle = bundle;
        this.text = RunningText.of(bundle.config().data());
        this.counted = bundle.network() == null
                ? CountModelAdapter.fit(bundle.config().model(), bundle.trainTokens(), bundle.vocabulary().size())
                : null;
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public Vocabulary vocabulary() {
        return bundle.vocabulary();
    }

    /** A fresh reader of one text: its own network copy (recurrent) or its own context (counted). */
    public TokenStepper stepper() {
        return counted != null ? counted.stepper() : new RecurrentStepper(bundle.network().clone());
    }

    /**
     * A prompt as the model reads it.
     *
     * @param ids     token ids to read first (never empty)
     * @param unknown tokens of the prompt that are not in the vocabulary (read as {@code <unk>}), in order
     * @param start   whether {@code ids} is the start token standing in for an empty prompt
     */
    public record Prompt(int[] ids, List<String> unknown, boolean start) {
    }

    public Prompt prompt(String prompt) {
        List<String> tokens = text.tokens(prompt);
        if (tokens.isEmpty()) {
            Vocabulary v = bundle.vocabulary();
            int start = v.contains(RunningText.LINE_BREAK) ? v.id(RunningText.LINE_BREAK) : Math.min(2, v.size() - 1);
            return new Prompt(new int[] {start}, List.of(), true);
        }
        List<String> unknown = new ArrayList<>();
        for (String t : tokens) {
            if (!bundle.vocabulary().contains(t)) {
                unknown.add(t);
            }
        }
        return new Prompt(bundle.vocabulary().encode(tokens), unknown, false);
    }

    /** Ids never generated: {@code <pad>} and {@code <unk>}. */
    public Set<Integer> bannedIds() {
        return Set.of(Vocabulary.PAD_ID, Vocabulary.UNK_ID);
    }

    /** The token of {@code id} as written after the token {@code previous} ({@code -1} at the start). */
    public String display(int previous, int id) {
        Vocabulary v = bundle.vocabulary();
        return text.display(previous < 0 ? null : v.token(previous), v.token(id));
    }

    /**
     * Scores the model on one of its config's splits (fetching the corpus if needed), as training
     * scored it: the same number for the same split.
     */
    public LanguageModelMetrics evaluate(String split, CorpusStore store) {
        TokenStream stream = LanguageModelData.read(bundle.config(), store, split, bundle.vocabulary());
        return counted != null
                ? CountModelAdapter.score(counted, stream)
                : LanguageModelAdapter.score(bundle.network(), stream, bundle.config().training());
    }
}

package dev.rill.engine;

import dev.rill.config.TaskType;
import dev.rill.corpus.CorpusStore;
import dev.rill.generate.GuidedStepper;
import dev.rill.generate.NextTokenModel;
import dev.rill.generate.RecurrentStepper;
import dev.rill.generate.TokenStepper;
import dev.rill.text.DataException;
import dev.rill.text.LabelSet;
import dev.rill.text.LabeledText;
import dev.rill.text.TextPipeline;
import dev.rill.text.RunningText;
import dev.rill.text.Vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A language model loaded from a bundle, a network or a count-based baseline, or a one-to-many
 * generator ({@code task: conditioned_generation}), with the text handling it was trained with:
 * what {@code rill generate} and {@code rill evaluate} use, and what a server would hold.
 *
 * <p>A generator reads its condition token ({@link ConditionTokens}) before the prompt (and, when
 * trained with {@code model.condition: every_step}, its condition beside every token, which
 * {@link #stepper(Prompt)} adds), and generation stops at {@code <eos>} ({@link #stopIds()}),
 * which is not displayed.
 *
 * <p>Prompts: text is tokenized as in training ({@link RunningText}); a token outside the
 * vocabulary is read as {@code <unk>}, exactly as held-out text is in evaluation, and reported in
 * {@link Prompt#unknown()} so callers can warn. An empty prompt starts the model as at the start
 * of a line: it reads the line-break token (not part of the output), or, when the vocabulary has
 * none, its most frequent token.
 *
 * <p>Thread safety: {@link #stepper(Prompt)} gives each generation its own state (a copy of the
 * network for a recurrent model, since DL4J keeps {@code rnnTimeStep} state inside the network),
 * so one instance can serve concurrent requests; {@link #evaluate} uses the bundle's own network
 * and must not run concurrently with itself.
 */
public final class TrainedLanguageModel {

    private final ModelBundle bundle;
    private final RunningText text;
    private final NextTokenModel counted;
    private final ConditionTokens conditions;

    /** @throws DataException when the bundle holds another task's model */
    public TrainedLanguageModel(ModelBundle bundle) {
        TaskType task = bundle.config().task();
        if (task != TaskType.LANGUAGE_MODEL && task != TaskType.CONDITIONED_GENERATION) {
            throw new DataException("this bundle holds a " + task.yamlName() + " model, not a language model;"
                    + " `rill generate` needs a bundle trained with task: language_model or conditioned_generation");
        }
        this.bundle = bundle;
        this.text = RunningText.of(bundle.config().data());
        this.counted = bundle.network() == null
                ? CountModelAdapter.fit(bundle.config().model(), bundle.trainTokens(), bundle.vocabulary().size())
                : null;
        this.conditions = task == TaskType.CONDITIONED_GENERATION ? new ConditionTokens(bundle.vocabulary(), bundle.labels()) : null;
    }

    /** The labels a generator can be conditioned on; empty for a language model. */
    public List<String> conditions() {
        return conditions == null ? List.of() : conditions.labels();
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public Vocabulary vocabulary() {
        return bundle.vocabulary();
    }

    /**
     * A fresh reader of one text, to read {@code prompt} first: its own network copy (recurrent) or its own context
     * (counted); a generator that reads its condition at every step gets the prompt's condition beside every token.
     */
    public TokenStepper stepper(Prompt prompt) {
        return stepper(prompt.condition());
    }

    /**
     * A fresh reader of one text for a generator, with guidance {@code guidance} towards the prompt's condition
     * ({@link GuidedStepper}: one reader per label, so each step costs as many network steps as there are labels);
     * {@code guidance} 0 is {@link #stepper(Prompt)}.
     *
     * @throws IllegalArgumentException when guidance is above 0 for a language model, or negative
     */
    public TokenStepper stepper(Prompt prompt, double guidance) {
        if (guidance == 0) {
            return stepper(prompt);
        }
        if (conditions == null) {
            throw new IllegalArgumentException("guidance steers a generator towards its condition; this language model has none");
        }
        List<TokenStepper> readers = new ArrayList<>();
        int[] tokens = new int[conditions.labels().size()];
        for (int c = 0; c < tokens.length; c++) {
            readers.add(stepper(c));
            tokens[c] = conditions.condition(c);
        }
        return new GuidedStepper(readers, tokens, prompt.condition(), guidance);
    }

    /** A fresh reader of one text for a language model, or a generator that reads its label only as a first token. */
    public TokenStepper stepper() {
        return stepper(-1);
    }

    private TokenStepper stepper(int condition) {
        if (counted != null) {
            return counted.stepper();
        }
        boolean everyStep = RecurrentStepper.conditions(bundle.network()) > 0;
        if (everyStep && condition < 0) {
            throw new IllegalStateException("this generator reads its condition at every step: use stepper(prompt(text, condition))");
        }
        return new RecurrentStepper(bundle.network().clone(), everyStep ? condition : -1);
    }

    /**
     * A prompt as the model reads it.
     *
     * @param ids     token ids to read first (never empty)
     * @param unknown tokens of the prompt that are not in the vocabulary (read as {@code <unk>}), in order
     * @param start     whether {@code ids} is the start token standing in for an empty prompt
     * @param condition a generator's label index; -1 for a language model
     */
    public record Prompt(int[] ids, List<String> unknown, boolean start, int condition) {
    }

    /** A language model's prompt ({@link #prompt(String, String)} without a condition). */
    public Prompt prompt(String prompt) {
        return prompt(prompt, null);
    }

    /**
     * A prompt as the model reads it.
     *
     * @param condition for a generator, the label to condition on (required); {@code null} for a language model
     * @throws IllegalArgumentException when a generator gets no or an unknown label, or a language model gets one
     */
    public Prompt prompt(String prompt, String condition) {
        if (conditions == null && condition != null) {
            throw new IllegalArgumentException("this language model takes no condition; only task: conditioned_generation models do");
        }
        if (conditions != null) {
            int label = condition == null ? -1 : conditions.labels().indexOf(condition);
            if (label < 0) {
                throw new IllegalArgumentException((condition == null ? "this generator needs a condition" : "unknown condition '" + condition + "'")
                        + "; its labels are " + conditions.labels());
            }
            Prompt words = encode(text.tokens(prompt));
            int[] ids = new int[words.ids().length + 1];
            ids[0] = conditions.condition(label);
            System.arraycopy(words.ids(), 0, ids, 1, words.ids().length);
            return new Prompt(ids, words.unknown(), false, label);
        }
        List<String> tokens = text.tokens(prompt);
        if (tokens.isEmpty()) {
            Vocabulary v = bundle.vocabulary();
            int start = v.contains(RunningText.LINE_BREAK) ? v.id(RunningText.LINE_BREAK) : Math.min(2, v.size() - 1);
            return new Prompt(new int[] {start}, List.of(), true, -1);
        }
        return encode(tokens);
    }

    private Prompt encode(List<String> tokens) {
        List<String> unknown = new ArrayList<>();
        for (String t : tokens) {
            if (!bundle.vocabulary().contains(t)) {
                unknown.add(t);
            }
        }
        return new Prompt(bundle.vocabulary().encode(tokens), unknown, false, -1);
    }

    /** Ids never generated: {@code <pad>}, {@code <unk>}, and a generator's condition tokens. */
    public Set<Integer> bannedIds() {
        return conditions == null ? Set.of(Vocabulary.PAD_ID, Vocabulary.UNK_ID) : Set.copyOf(conditions.banned());
    }

    /** Ids that end a generation: a generator's {@code <eos>}; none for a language model. */
    public Set<Integer> stopIds() {
        return conditions == null ? Set.of() : Set.of(conditions.eos());
    }

    /**
     * The token of {@code id} as written after the token {@code previous} ({@code -1} at the start);
     * a generator's condition token counts as the start, and its {@code <eos>} is written as nothing.
     */
    public String display(int previous, int id) {
        Vocabulary v = bundle.vocabulary();
        if (conditions != null && id == conditions.eos()) {
            return "";
        }
        boolean start = previous < 0 || conditions != null && conditions.banned().contains(previous);
        return text.display(start ? null : v.token(previous), v.token(id));
    }

    /**
     * Scores the model on one of its config's splits (fetching the corpus if needed), as training
     * scored it: the same number for the same split.
     */
    public TaskMetrics evaluate(String split, CorpusStore store) {
        if (conditions != null) {
            DataSplits.Rows<LabeledText> rows = DataSplits.labelled(bundle.config(), store).require(split);
            ClassificationData data = ClassificationData.encode(rows.rows(), rows.file(), TextPipeline.of(bundle.config().data()),
                    bundle.vocabulary(), new LabelSet(bundle.labels()));
            return ConditionedMetrics.score(bundle.network(), data.examples(), conditions, bundle.config().training().batchSize());
        }
        TokenStream stream = LanguageModelData.read(bundle.config(), store, split, bundle.vocabulary());
        return counted != null
                ? CountModelAdapter.score(counted, stream)
                : LanguageModelAdapter.score(bundle.network(), stream, bundle.config().training());
    }
}

package dev.rill.serve;

/** A model the server answers with: one per bundle given to {@code rill serve}. */
public sealed interface ServedModel permits ClassifierModel, TaggerModel, GeneratorModel {

    ModelInfo info();

    default String name() {
        return info().name();
    }

    /** What the model is, for messages: "classifier", "tagger" or "generator". */
    String kind();

    /** The endpoint that uses this kind of model, for messages that point a request the right way. */
    String endpoint();
}

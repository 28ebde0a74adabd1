package dev.rill.serve;

import dev.rill.engine.TrainedClassifier;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /api/classify}: a label and the probability of every label, per text. */
final class ClassifyEndpoint implements Handler {

    /**
     * @param label         the most probable label
     * @param probability   its probability
     * @param probabilities every label's probability, in the model's label order
     */
    record Result(String label, double probability, Map<String, Double> probabilities) {
    }

    record Response(String model, List<Result> results) {
    }

    private final ModelRegistry models;
    private final Limits limits;

    ClassifyEndpoint(ModelRegistry models, Limits limits) {
        this.models = models;
        this.limits = limits;
    }

    @Override
    public void handle(Context ctx) {
        ClassifyRequest request = ClassifyRequest.from(JsonFields.parse(ctx.bodyAsBytes(), ClassifyRequest.EXAMPLE), limits);
        ClassifierModel model = models.find(request.model(), ClassifierModel.class, "classifier");
        List<String> labels = model.info().labels();
        List<Result> results = new ArrayList<>();
        for (TrainedClassifier.Prediction p : model.classify(request.texts())) {
            Map<String, Double> byLabel = new LinkedHashMap<>();
            for (int k = 0; k < labels.size(); k++) {
                byLabel.put(labels.get(k), p.probabilities()[k]);
            }
            results.add(new Result(p.label(), p.probability(), byLabel));
        }
        Responses.ok(ctx, new Response(model.name(), results));
    }
}

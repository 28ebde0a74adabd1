package dev.rill.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;

/** Binds the root mapping to a {@link RillConfig} by handing each section to its binder. */
final class ConfigBinder {

    static final List<String> KEYS = List.of("task", "data", "model", "training", "output");

    private final BindContext ctx;
    private final CorpusCatalog catalog;
    private final ConfigLoader.DataSources dataSources;

    /** @param catalog known corpora, or {@code null} to leave corpus names unchecked */
    ConfigBinder(BindContext ctx, CorpusCatalog catalog, ConfigLoader.DataSources dataSources) {
        this.ctx = ctx;
        this.catalog = catalog;
        this.dataSources = dataSources;
    }

    /** The config, or {@code null} when a required part is missing; every problem is in the context. */
    RillConfig bind(MappingNode rootNode, Path source) {
        YamlSection root = YamlSection.of(ctx, "", rootNode);
        root.allowOnly(KEYS);
        TaskType task = root.choice("task", null, TaskType.values(), TaskType::yamlName);
        if (!root.has("task")) {
            root.missing("missing required key 'task' (one of " + String.join(", ", names(TaskType.values())) + ")");
        }
        DataConfig data = null;
        if (root.has("data")) {
            DataSourceCheck sourceCheck = new DataSourceCheck(ctx, DataBinder.baseDir(source), catalog, dataSources);
            data = new DataBinder(sourceCheck).bind(root.section("data"), task);
        } else {
            root.missing("missing required key 'data' (where the examples come from: data.corpus or data.dir)");
        }
        ModelConfig model = new ModelBinder().bind(root.section("model"));
        TrainingConfig training = new TrainingBinder().bind(root.section("training"));
        OutputConfig output = new OutputBinder().bind(root.section("output"), source);
        new ConflictCheck(ctx).check(task, data, model, training);
        if (task == null || data == null) {
            return null;
        }
        return new RillConfig(task, data, model, training, output, source);
    }

    private static List<String> names(TaskType[] tasks) {
        return Arrays.stream(tasks).map(TaskType::yamlName).toList();
    }
}

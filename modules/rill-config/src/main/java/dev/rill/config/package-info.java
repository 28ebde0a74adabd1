/**
 * Rill's configuration: the immutable records one YAML file binds to, and the loader that reads,
 * overrides, defaults and validates it.
 *
 * <p>Entry points: {@link dev.rill.config.ConfigLoader} reads a file (plus {@code --set KEY=VALUE}
 * overrides) into a {@link dev.rill.config.LoadedConfig}, which pairs the {@link dev.rill.config.RillConfig}
 * with the {@link dev.rill.config.SourceLocation} of every value written; {@link dev.rill.config.ConfigWriter}
 * writes a config back as YAML with every default filled in.
 *
 * <p>Validation reports every problem at once as {@link dev.rill.config.ConfigProblem}s inside a
 * {@link dev.rill.config.ConfigException}, each rendered {@code FILE:LINE:COLUMN: error[CODE] message}
 * with a suggestion for misspelt keys and values. Whether {@code data.corpus} names a known corpus is
 * asked of a {@link dev.rill.config.CorpusCatalog}, implemented by the module that fetches corpora,
 * so this module depends on nothing but SnakeYAML.
 *
 * <p>Package-private classes split the work: {@code YamlComposer} turns text into a node tree,
 * {@code Overrides} edits that tree, {@code YamlSection} and {@code ValueReader} read typed values and
 * record problems, one binder per section builds each record, and {@code DataSourceCheck} and
 * {@code ConflictCheck} hold the rules that look beyond one value.
 */
package dev.rill.config;

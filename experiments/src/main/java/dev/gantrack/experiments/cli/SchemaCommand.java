package dev.gantrack.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gantrack.experiments.file.ExperimentLoader;
import dev.gantrack.experiments.file.ExperimentSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gantrack schema}: prints the JSON Schema (draft 2020-12) of experiment files for the
 * registered plugin types, those of {@code --plugins} included, for editors to complete and check
 * files with ({@code gantrack schema > gantrack.schema.json}).
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = "Print the JSON Schema (draft 2020-12) of experiment files, plugins included.")
final class SchemaCommand implements Callable<Integer> {
  @CommandLine.Mixin CommonOptions common = new CommonOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ExperimentLoader loader = new ExperimentLoader(common.registry());
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(ExperimentSchema.of(loader.options()));
    spec.commandLine().getOut().println(json);
    return 0;
  }
}

package ai.atlas.web.interfaces.jobs;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.core.gepa.CandidatePool;
import ai.atlas.core.profile.PromptTemplates;
import ai.atlas.server.config.ConfinedFile;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/** A request to start the gepa job, checked and turned into the job's parameters. */
final class GepaJobRequest {

  private GepaJobRequest() {}

  static Properties parameters(JsonObject request, Path datasetsDir, Clock clock) {
    Properties p = new Properties();
    String profile = Json.requiredString(request, "profile");
    List<String> templates = new ArrayList<>();
    Json.optionalArray(request, "templates").ifPresent(array -> array.forEach(value -> {
      if (!(value instanceof JsonString name)) {
        throw new InvalidInputException("'templates' must be an array of template names");
      }
      templates.add(name.getString());
    }));
    if (templates.isEmpty()) {
      throw new InvalidInputException("'templates' must name at least one prompt template to evolve, e.g. [\"teacher.validation\"]");
    }
    PromptTemplates known = PromptTemplates.defaults();
    for (String name : templates) {
      try {
        known.get(name);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("'templates': " + e.getMessage());
      }
    }
    String source = Json.optionalString(request, "source").orElse("dataset");
    if (source.equals("sessions")) {
      String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC).format(clock.instant());
      p.setProperty("dataset", datasetsDir.toAbsolutePath().resolve("gepa-sessions-" + stamp + ".jsonl").toString());
    } else if (source.equals("dataset")) {
      p.setProperty("dataset", dataset(request, "dataset", datasetsDir).orElseThrow(
          () -> new InvalidInputException("'dataset' is required (or \"source\": \"sessions\")")).toString());
    } else {
      throw new InvalidInputException("'source' must be dataset or sessions, not '" + source + "'");
    }
    dataset(request, "validationDataset", datasetsDir).ifPresent(path -> p.setProperty("validationDataset", path.toString()));
    String selection = Json.optionalString(request, "selection").orElse("pareto");
    try {
      CandidatePool.Selection.of(selection);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("'selection' must be pareto, current_best or epsilon_greedy, not '" + selection + "'");
    }
    double share = Json.optionalNumber(request, "validationShare").orElse(0.5);
    if (!(share > 0 && share < 1)) {
      throw new InvalidInputException("'validationShare' must be between 0 and 1");
    }
    double epsilon = Json.optionalNumber(request, "epsilon").orElse(0.1);
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new InvalidInputException("'epsilon' must be between 0 and 1");
    }
    p.setProperty("source", source);
    p.setProperty("profile", profile);
    p.setProperty("templates", String.join(",", templates));
    p.setProperty("validationShare", Double.toString(share));
    p.setProperty("budget", Long.toString(count(request, "budget", 100, 1, 1_000_000)));
    p.setProperty("minibatchSize", Long.toString(count(request, "minibatchSize", 3, 1, 1000)));
    p.setProperty("selection", selection.toLowerCase(Locale.ROOT));
    p.setProperty("epsilon", Double.toString(epsilon));
    p.setProperty("mergeEvery", Long.toString(Json.optionalCount(request, "mergeEvery")));
    p.setProperty("seed", Long.toString(Json.optionalCount(request, "seed")));
    p.setProperty("timeoutSeconds", Long.toString(count(request, "timeoutSeconds", 300, 1, 86_400)));
    Json.optionalString(request, "reflectionProfile").ifPresent(name -> p.setProperty("reflectionProfile", name));
    return p;
  }

  private static Optional<Path> dataset(JsonObject request, String field, Path datasetsDir) {
    Optional<String> name = Json.optionalString(request, field);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Path file = ConfinedFile.resolve(datasetsDir, name.get(), field, "datasets folder");
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("'" + field + "' names no file of the datasets folder: " + file);
    }
    return Optional.of(file);
  }

  private static long count(JsonObject request, String field, long fallback, long min, long max) {
    long value = Json.optionalCount(request, field);
    if (value == 0) {
      return fallback;
    }
    if (value < min || value > max) {
      throw new InvalidInputException("'" + field + "' must be between " + min + " and " + max);
    }
    return value;
  }
}

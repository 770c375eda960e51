package ai.atlas.web.interfaces.jobs;

import ai.atlas.batch.grpo.GrpoRewardSources;
import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import ai.atlas.model.ModelException;
import ai.atlas.model.grpo.GrpoSettings;
import ai.atlas.model.objective.Advantages;
import ai.atlas.model.objective.LossType;
import ai.atlas.model.train.LearningRate;
import ai.atlas.server.config.ConfinedFile;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A request to start the grpo job, checked and turned into the job's parameters: every setting
 * is validated here (the objective's through {@link GrpoSettings}), so a bad request is a 400
 * and never a job that fails later.
 */
final class GrpoJobRequest {

  private GrpoJobRequest() {}

  static Properties parameters(JsonObject request, Path datasetsDir, Path modelsDir, Clock clock) {
    Properties p = new Properties();
    String source = Json.optionalString(request, "source").orElse("dataset");
    Path dataset;
    long lines = -1;
    if (source.equals("sessions")) {
      // the approved sessions are exported into a new file of the datasets folder, kept for inspection
      String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC).format(clock.instant());
      dataset = datasetsDir.toAbsolutePath().resolve("grpo-sessions-" + stamp + ".jsonl");
    } else if (source.equals("dataset")) {
      dataset = ConfinedFile.resolve(datasetsDir, Json.optionalString(request, "dataset").orElse(null), "dataset", "datasets folder");
      if (!Files.isRegularFile(dataset)) {
        throw new InvalidInputException("'dataset' names no file of the datasets folder: " + dataset);
      }
      try (var all = Files.lines(dataset)) {
        lines = all.filter(l -> !l.isBlank()).count();
      } catch (IOException | UncheckedIOException e) {
        throw new InvalidInputException("the dataset cannot be read: " + e.getMessage());
      }
      if (lines == 0) {
        throw new InvalidInputException("the dataset " + dataset.getFileName() + " has no lines");
      }
    } else {
      throw new InvalidInputException("'source' must be dataset or sessions, not '" + source + "'");
    }
    Path base = ConfinedFile.resolve(modelsDir, Json.optionalString(request, "base").orElse(null), "base", "models folder");
    if (!Files.isRegularFile(base.resolve("config.json"))) {
      throw new InvalidInputException("'base' names no checkpoint (a folder with config.json) of the models folder: " + base);
    }
    Path output = ConfinedFile.resolve(modelsDir, Json.optionalString(request, "output").orElse(null), "output", "models folder");
    if (output.equals(base)) {
      throw new InvalidInputException("'output' must be another folder than 'base'");
    }
    String reward = Json.optionalString(request, "reward").orElse("verifiable");
    if (GrpoRewardSources.Kind.fromWire(reward).isEmpty()) {
      throw new InvalidInputException("'reward' must be verifiable, reward-system, teaching or teaching-paired, not '" + reward + "'");
    }
    Optional<String> profile = Json.optionalString(request, "profile");
    if (!reward.equals("verifiable") && profile.isEmpty()) {
      throw new InvalidInputException("the " + reward + " reward needs a 'profile'");
    }
    double partialCredit = number(request, "partialCredit", 0, 0, 0.999);
    long promptsPerStep = count(request, "promptsPerStep", 4, 1, 1024);
    long epochs = count(request, "epochs", 1, 1, 1000);
    long maxSteps = count(request, "maxSteps", 0, 0, 1_000_000);
    long perEpoch = lines < 0 ? -1 : (lines + promptsPerStep - 1) / promptsPerStep;
    long totalSteps = perEpoch < 0 ? (maxSteps > 0 ? maxSteps : 1000) : maxSteps > 0 ? Math.min(maxSteps, epochs * perEpoch)
        : epochs * perEpoch;
    String schedule = Json.optionalString(request, "schedule").orElse("constant");
    if (!Set.of("constant", "linear", "cosine").contains(schedule)) {
      throw new InvalidInputException("'schedule' must be constant, linear or cosine, not '" + schedule + "'");
    }
    GrpoSettings settings;
    try {
      settings = new GrpoSettings((int) count(request, "numGenerations", 8, 2, 256), number(request, "temperature", 1.0, 0.01, 10),
          (int) count(request, "maxCompletionLength", 64, 1, 1 << 16), bool(request, "maskTruncated"),
          LossType.of(Json.optionalString(request, "lossType").orElse("dapo")), number(request, "beta", 0.04, 0, 100),
          number(request, "epsilonLow", 0.2, 0, 1), number(request, "epsilonHigh", 0.2, 0, 10),
          Advantages.Scale.of(Json.optionalString(request, "scaleRewards").orElse("group")), (int) count(request, "iterations", 1, 1, 64),
          new LearningRate(number(request, "learningRate", 1e-5, 1e-12, 0.999), (int) count(request, "warmupSteps", 0, 0, 1_000_000),
              (int) totalSteps, LearningRate.Shape.of(schedule), 0.1),
          number(request, "clipNorm", 1.0, 0, 1e6), number(request, "weightDecay", 0.0, 0, 1),
          (int) count(request, "microBatch", 16, 1, 4096), (int) count(request, "refSyncSteps", 0, 0, 1_000_000),
          number(request, "refMixAlpha", 0.6, 0, 1), Json.optionalCount(request, "seed"));
    } catch (ModelException e) {
      throw new InvalidInputException(e.getMessage());
    }
    p.setProperty("source", source);
    p.setProperty("dataset", dataset.toString());
    p.setProperty("base", base.toString());
    p.setProperty("output", output.toString());
    p.setProperty("modelsDir", modelsDir.toAbsolutePath().toString());
    p.setProperty("reward", reward);
    profile.ifPresent(name -> p.setProperty("profile", name));
    p.setProperty("partialCredit", Double.toString(partialCredit));
    p.setProperty("promptsPerStep", Long.toString(promptsPerStep));
    p.setProperty("epochs", Long.toString(epochs));
    p.setProperty("maxSteps", Long.toString(maxSteps));
    p.setProperty("totalSteps", Long.toString(totalSteps));
    p.setProperty("numGenerations", Integer.toString(settings.numGenerations()));
    p.setProperty("temperature", Double.toString(settings.temperature()));
    p.setProperty("maxCompletionLength", Integer.toString(settings.maxCompletionLength()));
    p.setProperty("maskTruncated", Boolean.toString(settings.maskTruncated()));
    p.setProperty("lossType", settings.lossType().name().toLowerCase(Locale.ROOT));
    p.setProperty("beta", Double.toString(settings.beta()));
    p.setProperty("epsilonLow", Double.toString(settings.epsilonLow()));
    p.setProperty("epsilonHigh", Double.toString(settings.epsilonHigh()));
    p.setProperty("scaleRewards", settings.scaleRewards().name().toLowerCase(Locale.ROOT));
    p.setProperty("iterations", Integer.toString(settings.iterations()));
    p.setProperty("learningRate", Double.toString(settings.schedule().peak()));
    p.setProperty("warmupSteps", Integer.toString(settings.schedule().warmupSteps()));
    p.setProperty("schedule", schedule);
    p.setProperty("clipNorm", Double.toString(settings.clipNorm()));
    p.setProperty("weightDecay", Double.toString(settings.weightDecay()));
    p.setProperty("microBatch", Integer.toString(settings.microBatch()));
    p.setProperty("refSyncSteps", Integer.toString(settings.refSyncSteps()));
    p.setProperty("refMixAlpha", Double.toString(settings.refMixAlpha()));
    p.setProperty("seed", Long.toString(settings.seed()));
    return p;
  }

  private static long count(JsonObject request, String field, long fallback, long min, long max) {
    if (!request.containsKey(field) || request.get(field).getValueType() == JsonValue.ValueType.NULL) {
      return fallback;
    }
    long value = Json.optionalCount(request, field);
    if (value < min || value > max) {
      throw new InvalidInputException("'" + field + "' must be between " + min + " and " + max);
    }
    return value;
  }

  private static double number(JsonObject request, String field, double fallback, double min, double max) {
    double value = Json.optionalNumber(request, field).orElse(fallback);
    if (!(value >= min && value <= max)) {
      throw new InvalidInputException("'" + field + "' must be between " + min + " and " + max);
    }
    return value;
  }

  private static boolean bool(JsonObject request, String field) {
    JsonValue value = request.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return false;
    }
    if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
      return value.getValueType() == JsonValue.ValueType.TRUE;
    }
    throw new InvalidInputException("'" + field + "' must be true or false");
  }
}

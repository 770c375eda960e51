package ai.atlas.model.grpo;

import ai.atlas.model.ModelException;
import ai.atlas.model.objective.Advantages;
import ai.atlas.model.objective.GrpoBatch;
import ai.atlas.model.objective.GrpoObjective;
import ai.atlas.model.objective.GrpoParams;
import ai.atlas.model.objective.GrpoResult;
import ai.atlas.model.objective.LossType;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one fixture file of the GRPO format (a loss case with {@code logits}, or an advantage case
 * with {@code rewards}) through an objective and measures its worst error against the float32
 * tolerance {@code 1e-5 + 1e-4·|expected|} (NaN never passes).
 */
public final class GrpoFixtureCheck {

  public static final double ABSOLUTE = 1e-5;
  public static final double RELATIVE = 1e-4;

  /** One file's outcome: the largest error, the worst ratio to its tolerance, and where. */
  public record Result(String file, double maxError, double worstRatio, String worstAt) {
    public boolean passed() {
      return worstRatio <= 1.0;
    }
  }

  private GrpoFixtureCheck() {}

  public static Result check(Path file, GrpoObjective objective) {
    JsonObject json;
    try {
      json = Json.createReader(new StringReader(Files.readString(file))).readObject();
    } catch (IOException | RuntimeException e) {
      throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
    Worst worst = new Worst();
    JsonObject expected = json.getJsonObject("expected");
    if (json.containsKey("rewards")) {
      double[] got = objective.advantages(doubles(json.getJsonArray("rewards")), json.getInt("num_generations"),
          Advantages.Scale.of(json.getString("scale_rewards")));
      worst.compare("advantages", got, doubles(expected.getJsonArray("advantages")));
      return worst.result(file);
    }
    JsonObject shape = json.getJsonObject("shape");
    int b = shape.getInt("B");
    int t = shape.getInt("T");
    int v = shape.getInt("V");
    JsonObject p = json.getJsonObject("params");
    JsonValue items = p.get("num_items_in_batch");
    GrpoParams params = new GrpoParams(LossType.of(p.getString("loss_type")), p.getJsonNumber("beta").doubleValue(),
        p.getJsonNumber("temperature").doubleValue(), p.getJsonNumber("epsilon_low").doubleValue(),
        p.getJsonNumber("epsilon_high").doubleValue(), p.getInt("max_completion_length"),
        items instanceof JsonNumber n ? n.intValue() : null);
    GrpoBatch batch = new GrpoBatch(b, t, v, floats(json.get("logits")), ints(json.get("tokens")), floats(json.get("mask")),
        floats(json.get("advantages")), nullableFloats(json.get("old_logp")), nullableFloats(json.get("ref_logp")));
    GrpoResult result = objective.compute(batch, params);
    worst.compare("logp", toDouble(result.logp()), doubles(flatten(expected.get("logp"))));
    worst.compare("loss", new double[] {result.loss()}, new double[] {expected.getJsonNumber("loss").doubleValue()});
    worst.compare("kl_mean", new double[] {result.klMean()}, new double[] {expected.getJsonNumber("kl_mean").doubleValue()});
    worst.compare("clip_fraction", new double[] {result.clipFraction()},
        new double[] {expected.getJsonNumber("clip_fraction").doubleValue()});
    worst.compare("dlogits", toDouble(result.dLogits()), doubles(flatten(expected.get("dlogits"))));
    return worst.result(file);
  }

  /** The worst element so far. */
  private static final class Worst {
    double maxError;
    double ratio;
    String at = "nowhere";

    void compare(String what, double[] got, double[] expected) {
      if (got.length != expected.length) {
        throw new ModelException(what + ": " + got.length + " values computed, " + expected.length + " expected");
      }
      for (int i = 0; i < got.length; i++) {
        double error = Math.abs(got[i] - expected[i]);
        double r = Double.isNaN(got[i]) ? Double.POSITIVE_INFINITY : error / (ABSOLUTE + RELATIVE * Math.abs(expected[i]));
        maxError = Math.max(maxError, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error);
        if (r > ratio) {
          ratio = r;
          at = what + "[" + i + "]";
        }
      }
    }

    Result result(Path file) {
      return new Result(file.getFileName().toString(), maxError, ratio, at);
    }
  }

  private static JsonArray flatten(JsonValue value) {
    var out = Json.createArrayBuilder();
    flattenInto(value, out);
    return out.build();
  }

  private static void flattenInto(JsonValue value, jakarta.json.JsonArrayBuilder out) {
    if (value instanceof JsonArray array) {
      array.forEach(element -> flattenInto(element, out));
    } else {
      out.add(value);
    }
  }

  private static double[] doubles(JsonArray array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.getJsonNumber(i).doubleValue();
    }
    return out;
  }

  private static float[] floats(JsonValue value) {
    double[] d = doubles(flatten(value));
    float[] out = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (float) d[i];
    }
    return out;
  }

  private static float[] nullableFloats(JsonValue value) {
    return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : floats(value);
  }

  private static int[] ints(JsonValue value) {
    JsonArray flat = flatten(value);
    int[] out = new int[flat.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = flat.getJsonNumber(i).intValue();
    }
    return out;
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /** The fixture files of a folder, in name order. */
  public static List<Path> files(Path dir) {
    try (var list = Files.list(dir)) {
      return new ArrayList<>(list.filter(f -> f.toString().endsWith(".json")).sorted().toList());
    } catch (IOException e) {
      throw new ModelException("cannot read the folder " + dir + ": " + e.getMessage(), e);
    }
  }
}

package ai.atlas.model.nn;

import ai.atlas.model.ModelException;
import ai.atlas.model.backend.Backend;
import ai.atlas.model.io.Checkpoint;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs every case of a folder's {@code expected_logits.json} ({@code {"cases": [{"input_ids",
 * "logits": [T][V]}]}}) through the checkpoint of the folder and measures the worst error against
 * the tolerance {@code 1e-4 + 1e-4 * |expected|}.
 */
public final class LogitCheck {

  public static final double ABSOLUTE = 1e-4;
  public static final double RELATIVE = 1e-4;

  /** The outcome: cases run, logits compared, the largest error, and how far over its tolerance the worst one was. */
  public record Result(int cases, long logits, double maxError, double worstRatio, String worstAt) {
    public boolean passed() {
      return worstRatio <= 1.0;
    }
  }

  private LogitCheck() {}

  public static Result run(Path dir, Backend backend) {
    Transformer model = Transformer.load(Checkpoint.load(dir), backend);
    Path expectedFile = dir.resolve("expected_logits.json");
    JsonObject expected;
    try {
      expected = Json.createReader(new StringReader(Files.readString(expectedFile))).readObject();
    } catch (IOException | RuntimeException e) {
      throw new ModelException("cannot read " + expectedFile + ": " + e.getMessage(), e);
    }
    int vocab = model.config().vocabSize();
    double maxError = 0;
    double worstRatio = 0;
    String worstAt = "nowhere";
    long compared = 0;
    JsonArray cases = expected.getJsonArray("cases");
    for (int c = 0; c < cases.size(); c++) {
      JsonObject testCase = cases.getJsonObject(c);
      JsonArray ids = testCase.getJsonArray("input_ids");
      int[] tokens = new int[ids.size()];
      for (int i = 0; i < tokens.length; i++) {
        tokens[i] = ids.getInt(i);
      }
      float[] logits = model.forward(tokens);
      JsonArray rows = testCase.getJsonArray("logits");
      if (rows.size() != tokens.length) {
        throw new ModelException("case " + c + " has " + rows.size() + " rows of logits for " + tokens.length + " tokens");
      }
      for (int t = 0; t < tokens.length; t++) {
        JsonArray row = rows.getJsonArray(t);
        if (row.size() != vocab) {
          throw new ModelException("case " + c + " position " + t + " has " + row.size() + " logits; the vocabulary has " + vocab);
        }
        for (int v = 0; v < vocab; v++) {
          double want = row.getJsonNumber(v).doubleValue();
          double error = Math.abs(logits[t * vocab + v] - want);
          double ratio = error / (ABSOLUTE + RELATIVE * Math.abs(want));
          maxError = Math.max(maxError, error);
          if (ratio > worstRatio) {
            worstRatio = ratio;
            worstAt = "case " + c + ", position " + t + ", token " + v;
          }
          compared++;
        }
      }
    }
    return new Result(cases.size(), compared, maxError, worstRatio, worstAt);
  }
}

package ai.atlas.batch.rewardeval;

import ai.atlas.core.reward.PreferenceItem;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the dataset's JSONL lines as preference items; the checkpoint is the last line read. */
@Named("preferenceReader")
@Dependent
public class PreferenceReader extends AbstractItemReader {

  @Inject
  @BatchProperty
  String dataset;

  private BufferedReader lines;
  private long line;

  @Override
  public void open(Serializable checkpoint) throws IOException {
    lines = Files.newBufferedReader(Path.of(dataset), StandardCharsets.UTF_8);
    long resumeAfter = checkpoint instanceof Long last ? last : 0L;
    while (line < resumeAfter && lines.readLine() != null) {
      line++;
    }
  }

  @Override
  public Object readItem() throws IOException {
    String text;
    while ((text = lines.readLine()) != null) {
      line++;
      if (!text.isBlank()) {
        return PreferenceItem.parse(text, line);
      }
    }
    return null;
  }

  @Override
  public Serializable checkpointInfo() {
    return line;
  }

  @Override
  public void close() throws IOException {
    if (lines != null) {
      lines.close();
    }
  }
}

package ai.atlas.batch.train;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Reads the dataset's lines for every epoch in an order shuffled by the seed and the epoch (so a
 * restart sees the same order), one batch ({@code batchSize} lines, fewer at an epoch's end) per
 * item: with one item per chunk, a stop can never split a batch, and a restarted run makes
 * exactly the steps the uninterrupted one would. With {@code maxBatches} (0: no limit) reading
 * ends after that many batches. The checkpoint is the epoch, the position in it and the batches read.
 */
@Named("jsonlBatchReader")
@Dependent
public class JsonlBatchReader extends AbstractItemReader {

  /** Where reading stands. */
  public record Position(int epoch, int index, int batches) implements Serializable {}

  /** A line of the dataset and its number (from 1). */
  public record Line(long number, String text) {}

  @Inject
  @BatchProperty
  String dataset;

  @Inject
  @BatchProperty
  String epochs;

  @Inject
  @BatchProperty
  String seed;

  @Inject
  @BatchProperty
  String batchSize;

  @Inject
  @BatchProperty
  String maxBatches;

  private RandomAccessFile file;
  private final List<long[]> lines = new ArrayList<>(); // {offset, number}
  private List<Integer> order;
  private int epoch;
  private int index;
  private int batches;

  @Override
  public void open(Serializable checkpoint) throws IOException {
    file = new RandomAccessFile(dataset, "r");
    long number = 0;
    long offset = 0;
    String line;
    while ((line = file.readLine()) != null) {
      number++;
      if (!line.isBlank()) {
        lines.add(new long[] {offset, number});
      }
      offset = file.getFilePointer();
    }
    if (checkpoint instanceof Position p) {
      epoch = p.epoch();
      index = p.index();
      batches = p.batches();
    }
    shuffle();
  }

  private void shuffle() {
    order = epochOrder(lines.size(), Long.parseLong(seed), epoch);
  }

  /** The order in which an epoch reads the dataset's {@code lines} non-blank lines (indexes from 0). */
  public static List<Integer> epochOrder(int lines, long seed, int epoch) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
    return order;
  }

  @Override
  public Object readItem() throws IOException {
    int limit = maxBatches == null || maxBatches.isBlank() ? 0 : Integer.parseInt(maxBatches);
    if (limit > 0 && batches >= limit) {
      return null;
    }
    if (index >= order.size()) {
      epoch++;
      index = 0;
      if (epoch >= Integer.parseInt(epochs) || order.isEmpty()) {
        return null;
      }
      shuffle();
    }
    if (epoch >= Integer.parseInt(epochs)) {
      return null;
    }
    List<Line> batch = new ArrayList<>();
    int size = Integer.parseInt(batchSize);
    while (batch.size() < size && index < order.size()) {
      long[] at = lines.get(order.get(index++));
      file.seek(at[0]);
      String raw = file.readLine();
      // RandomAccessFile reads bytes as Latin-1 characters: decode them as the UTF-8 they are
      batch.add(new Line(at[1], new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
    }
    batches++;
    return batch;
  }

  @Override
  public Serializable checkpointInfo() {
    return new Position(epoch, index, batches);
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }
}

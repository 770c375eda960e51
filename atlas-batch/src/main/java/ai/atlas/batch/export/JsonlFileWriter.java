package ai.atlas.batch.export;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends lines to a file. Each chunk is forced to disk before its checkpoint, and the checkpoint
 * is the file's length then; a restart cuts the file back to that length, so lines of a chunk that
 * did not commit are never duplicated.
 */
@Named("jsonlFileWriter")
@Dependent
public class JsonlFileWriter extends AbstractItemWriter {

  /** Restart position: the length of the file after the last committed chunk. */
  public record Checkpoint(long length) implements Serializable {}

  @Inject
  @BatchProperty
  String output;

  private FileChannel channel;

  @Override
  public void open(Serializable checkpoint) throws IOException {
    Path file = Path.of(output);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long keep = checkpoint instanceof Checkpoint c ? c.length() : 0L;
    channel.truncate(keep);
    channel.position(keep);
  }

  @Override
  public void writeItems(List<Object> lines) throws IOException {
    StringBuilder chunk = new StringBuilder();
    for (Object line : lines) {
      chunk.append(line).append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(chunk.toString().getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    channel.force(false);
  }

  @Override
  public Serializable checkpointInfo() throws IOException {
    return new Checkpoint(channel.position());
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}

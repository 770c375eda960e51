package ai.atlas.model.io;

import ai.atlas.model.ModelException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then the data. Tensors are read one at a time (no file
 * is mapped whole), so checkpoints larger than 2 GiB load too.
 */
public final class SafeTensors {

  private SafeTensors() {}

  /** Where a tensor lies in a file. */
  public record Entry(String name, DType dtype, int[] shape, long begin, long end) {}

  /** The header of a file: its entries by name. */
  public static Map<String, Entry> header(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return header(channel, file);
    } catch (IOException e) {
      throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Entry> header(FileChannel channel, Path file) throws IOException {
    ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, length, 0, file);
    long size = length.flip().getLong();
    if (size <= 0 || size > 100_000_000 || size + 8 > channel.size()) {
      throw new ModelException(file + " is not a safetensors file (header length " + size + ")");
    }
    ByteBuffer text = ByteBuffer.allocate((int) size);
    readFully(channel, text, 8, file);
    JsonObject json;
    try {
      json = Json.createReader(new StringReader(new String(text.array(), StandardCharsets.UTF_8))).readObject();
    } catch (JsonException e) {
      throw new ModelException(file + " has a malformed safetensors header: " + e.getMessage(), e);
    }
    long dataStart = 8 + size;
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : json.entrySet()) {
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      JsonObject t = e.getValue().asJsonObject();
      JsonArray shapeJson = t.getJsonArray("shape");
      int[] shape = new int[shapeJson.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = shapeJson.getInt(i);
      }
      JsonArray offsets = t.getJsonArray("data_offsets");
      Entry entry = new Entry(e.getKey(), DType.of(t.getString("dtype")), shape,
          dataStart + offsets.getJsonNumber(0).longValue(), dataStart + offsets.getJsonNumber(1).longValue());
      long expected = (long) entry.dtype().bytes() * elements(shape);
      if (entry.end() - entry.begin() != expected || entry.end() > channel.size()) {
        throw new ModelException(file + ": tensor " + e.getKey() + " has " + (entry.end() - entry.begin())
            + " bytes of data where its shape needs " + expected);
      }
      entries.put(e.getKey(), entry);
    }
    return entries;
  }

  /** Reads one tensor as float32. */
  public static Tensor read(Path file, Entry entry) {
    long elements = elements(entry.shape());
    if (elements > Integer.MAX_VALUE - 8) {
      throw new ModelException("tensor " + entry.name() + " has " + elements + " values, more than one Java array holds");
    }
    float[] values = new float[(int) elements];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      int chunkElements = 1 << 22;
      long position = entry.begin();
      for (int done = 0; done < values.length; ) {
        int n = Math.min(chunkElements, values.length - done);
        ByteBuffer bytes = ByteBuffer.allocate(n * entry.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, bytes, position, file);
        bytes.flip();
        float[] part = new float[n];
        entry.dtype().read(bytes, part);
        System.arraycopy(part, 0, values, done, n);
        done += n;
        position += (long) n * entry.dtype().bytes();
      }
    } catch (IOException e) {
      throw new ModelException("cannot read tensor " + entry.name() + " from " + file + ": " + e.getMessage(), e);
    }
    return new Tensor(entry.name(), entry.shape().clone(), values, entry.dtype());
  }

  /** Writes tensors, each in the type it is stored as, with the given metadata. */
  public static void write(Path file, Collection<Tensor> tensors, Map<String, String> metadata) {
    JsonObjectBuilder header = Json.createObjectBuilder();
    if (!metadata.isEmpty()) {
      JsonObjectBuilder meta = Json.createObjectBuilder();
      metadata.forEach(meta::add);
      header.add("__metadata__", meta);
    }
    long offset = 0;
    for (Tensor t : tensors) {
      long size = (long) t.data().length * t.storedAs().bytes();
      var shape = Json.createArrayBuilder();
      for (int d : t.shape()) {
        shape.add(d);
      }
      header.add(t.name(), Json.createObjectBuilder().add("dtype", t.storedAs().name()).add("shape", shape)
          .add("data_offsets", Json.createArrayBuilder().add(offset).add(offset + size)));
      offset += size;
    }
    byte[] text = header.build().toString().getBytes(StandardCharsets.UTF_8);
    int padded = (text.length + 7) / 8 * 8; // the data starts 8-byte aligned
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(text);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      writeFully(channel, head.flip());
      for (Tensor t : tensors) {
        ByteBuffer data = ByteBuffer.allocate(t.data().length * t.storedAs().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        t.storedAs().write(t.data(), data);
        writeFully(channel, data.flip());
      }
    } catch (IOException e) {
      throw new ModelException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static long elements(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position, Path file) throws IOException {
    long at = position;
    while (into.hasRemaining()) {
      int n = channel.read(into, at);
      if (n < 0) {
        throw new ModelException(file + " ends before the data its header describes");
      }
      at += n;
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer from) throws IOException {
    while (from.hasRemaining()) {
      channel.write(from);
    }
  }

  /** Just the names, in the order of a list: for messages. */
  static List<String> names(Map<String, Entry> entries) {
    return List.copyOf(entries.keySet());
  }
}

package ai.atlas.model.io;

import java.util.Arrays;

/** A named float32 tensor: its shape and its values in row-major order, and the type it is stored as. */
public record Tensor(String name, int[] shape, float[] data, DType storedAs) {

  public Tensor {
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    if (size != data.length) {
      throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
    }
  }

  public String shapeText() {
    return Arrays.toString(shape);
  }
}

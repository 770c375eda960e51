package ai.atlas.model.io;

import ai.atlas.model.ModelException;
import java.nio.ByteBuffer;

/**
 * The tensor element types the engine reads and writes. Everything is computed in float32;
 * BF16 and F16 are widened on load and narrowed (round to nearest even) on save.
 */
public enum DType {
  F32(4),
  BF16(2),
  F16(2);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  public static DType of(String name) {
    return switch (name) {
      case "F32" -> F32;
      case "BF16" -> BF16;
      case "F16" -> F16;
      default -> throw new ModelException("tensor type " + name + " is not supported (F32, BF16 and F16 are)");
    };
  }

  /** Reads {@code count} elements from a little-endian buffer into floats. */
  void read(ByteBuffer in, float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (this) {
        case F32 -> in.getFloat();
        case BF16 -> Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
        case F16 -> halfToFloat(in.getShort());
      };
    }
  }

  /** Writes floats into a little-endian buffer in this type. */
  void write(float[] values, ByteBuffer out) {
    for (float v : values) {
      switch (this) {
        case F32 -> out.putFloat(v);
        case BF16 -> out.putShort(floatToBf16(v));
        case F16 -> out.putShort(floatToHalf(v));
      }
    }
  }

  static short floatToBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int rounding = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  static float halfToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0) {
      if (mantissa == 0) {
        return Float.intBitsToFloat(sign);
      }
      // subnormal: normalise
      float value = mantissa / 1024f * (float) Math.pow(2, -14);
      return sign == 0 ? value : -value;
    }
    if (exponent == 31) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }

  static short floatToHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    if (Float.isNaN(value)) {
      return (short) (sign | 0x7e00);
    }
    float abs = Math.abs(value);
    if (abs >= 65520f) {
      return (short) (sign | 0x7c00); // overflows to infinity
    }
    if (abs < 6.103515625e-5f) {
      // subnormal half (or zero): round abs / 2^-24 to the nearest even integer
      int mantissa = (int) Math.rint(abs * 16777216f);
      return (short) (sign | mantissa);
    }
    int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
    int mantissa = bits & 0x7fffff;
    int half = (exponent << 10) | (mantissa >>> 13);
    int rest = mantissa & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
      half++;
    }
    return (short) (sign | half);
  }
}

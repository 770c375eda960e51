package ai.atlas.cuda;

import java.util.Locale;

/** The element type of the logits and their gradient on the device. */
public enum Precision {
  F32(4),
  BF16(2);

  private final int bytes;

  Precision(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  /** The suffix of the kernels for this type ({@code grpo_fused_rows_f32}, ...). */
  String suffix() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** float32 to bf16 bits, rounding to nearest even (as {@code __float2bfloat16_rn}). */
  public static short toBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int rounding = 0x7FFF + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  public static float fromBf16(short bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }
}

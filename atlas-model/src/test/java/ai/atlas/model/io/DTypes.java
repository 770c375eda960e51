package ai.atlas.model.io;

/** Access to the dtype conversions for tests. */
public final class DTypes {

  private DTypes() {}

  public static float roundTripBf16(float value) {
    return Float.intBitsToFloat((DType.floatToBf16(value) & 0xffff) << 16);
  }

  public static float roundTripHalf(float value) {
    return DType.halfToFloat(DType.floatToHalf(value));
  }

  public static float half(short bits) {
    return DType.halfToFloat(bits);
  }

  public static short toHalf(float value) {
    return DType.floatToHalf(value);
  }
}

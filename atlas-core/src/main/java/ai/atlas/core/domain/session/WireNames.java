package ai.atlas.core.domain.session;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Enum constants as they appear on the API and in exports: lower-case names. */
public final class WireNames {

  private WireNames() {}

  /** The lower-case name of a constant. */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, case-insensitively. */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
    return Arrays.stream(type.getEnumConstants()).filter(c -> of(c).equalsIgnoreCase(value)).findFirst();
  }

  /** The accepted wire names of a type, comma-separated, for error messages. */
  public static String list(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", "));
  }
}

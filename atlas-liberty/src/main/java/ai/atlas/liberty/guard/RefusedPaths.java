package ai.atlas.liberty.guard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Which request paths Liberty's web container refuses with its own 400 before an application sees
 * them, and why. It follows the steps of the web container's Servlet 6 canonicalization in their
 * order (percent-decoding, path parameters, {@code //} and {@code .} segments, {@code ..} segments,
 * control characters), so that it refuses exactly those paths: one it refused that Liberty would
 * have served would break a valid request.
 */
public final class RefusedPaths {

  private RefusedPaths() {}

  /** Why Liberty refuses this raw (still percent-encoded) request path, or empty when it does not. */
  public static Optional<String> refusal(String rawPath) {
    if (rawPath == null || !mayBeRefused(rawPath)) {
      return Optional.empty();
    }
    String path;
    try {
      path = percentDecoded(rawPath);
    } catch (IllegalArgumentException e) {
      return Optional.of("the request path has a '%' that is not followed by two hexadecimal digits");
    }
    if (path.indexOf(';') >= 0) {
      Optional<String> parameters = pathParameterRefusal(path);
      if (parameters.isPresent()) {
        return parameters;
      }
      path = withoutPathParameters(path);
    }
    path = path.replaceAll("//+", "/");
    while (path.contains("/./")) {
      path = path.replace("/./", "/");
    }
    if (path.endsWith("/.")) {
      path = path.substring(0, path.length() - 1);
    }
    if (climbsAboveRoot(path)) {
      return Optional.of("the request path has a '..' segment that climbs above the root");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("the request path has a control character (%" + String.format("%02X", (int) c) + ")");
      }
    }
    return Optional.empty();
  }

  /** Only a path with an escape, a path parameter or a dot segment can be refused: a common path costs three scans and no decoding. */
  private static boolean mayBeRefused(String rawPath) {
    return rawPath.indexOf('%') >= 0 || rawPath.indexOf(';') >= 0 || rawPath.contains("/.");
  }

  /**
   * Percent-decoding as UTF-8, as the web container decodes a path: a {@code +} stays a plus (it
   * means a space only in a query), and a '%' without two hexadecimal digits after it is refused
   * with {@link IllegalArgumentException}.
   */
  static String percentDecoded(String rawPath) {
    return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** A segment {@code .;x} or {@code ..;x} anywhere, or {@code ;x} before the last segment. */
  private static Optional<String> pathParameterRefusal(String path) {
    List<String> segments = segments(path);
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (segment.startsWith(".;") || segment.startsWith("..;")) {
        return Optional.of("the request path has a dot segment with a path parameter");
      }
      if (segment.startsWith(";") && i + 1 < segments.size()) {
        return Optional.of("the request path has an empty segment with a path parameter");
      }
    }
    return Optional.empty();
  }

  private static String withoutPathParameters(String path) {
    StringBuilder stripped = new StringBuilder(path.startsWith("/") ? "/" : "");
    List<String> segments = segments(path);
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      int parameter = segment.indexOf(';');
      stripped.append(parameter >= 0 ? segment.substring(0, parameter) : segment);
      if (i + 1 < segments.size()) {
        stripped.append('/');
      }
    }
    return stripped.toString();
  }

  /** A {@code ..} segment with no segment before it left to remove. */
  private static boolean climbsAboveRoot(String path) {
    if (!path.contains("/..")) {
      return false;
    }
    int depth = 0;
    for (String segment : segments(path)) {
      if (segment.equals("..")) {
        if (depth == 0) {
          return true;
        }
        depth--;
      } else {
        depth++;
      }
    }
    return false;
  }

  /** The segments after the leading '/', empty ones (a trailing '/') kept. */
  private static List<String> segments(String path) {
    return List.of((path.startsWith("/") ? path.substring(1) : path).split("/", -1));
  }
}

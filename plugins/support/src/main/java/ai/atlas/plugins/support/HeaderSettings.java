package ai.atlas.plugins.support;

import ai.atlas.spi.PluginException;
import ai.atlas.spi.PluginSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin's {@code headers} setting: "Name: value" pairs separated by | or new lines, where each
 * {@code secret:NAME} in a value ("Bearer secret:AGENT_TOKEN") is replaced by that server secret,
 * so no key is ever written into a profile.
 */
public final class HeaderSettings {

  private static final Pattern SECRET = Pattern.compile("secret:([A-Za-z0-9_.-]+)");

  private HeaderSettings() {}

  public static Map<String, String> from(PluginSettings settings) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : settings.get("headers").orElse("").split("[|\\n]")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new PluginException("each header must be 'Name: value', not '" + line.trim() + "'");
      }
      String name = line.substring(0, colon).trim();
      headers.put(name, withSecrets(settings, name, line.substring(colon + 1).trim()));
    }
    return headers;
  }

  private static String withSecrets(PluginSettings settings, String header, String value) {
    Matcher m = SECRET.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String secret = m.group(1);
      String resolved = settings.secret(secret)
          .orElseThrow(() -> new PluginException("the secret '" + secret + "' of header " + header + " is not set"));
      m.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    return m.appendTail(out).toString();
  }
}

package ai.atlas.core.application.jobs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A job's parameters as values, read through its {@link JobSchema}: checked and defaulted when a
 * caller's request is read, defaulted when a job's artifact reads the parameters it was started
 * with. What the job operator is given ({@link #toProperties}) and what the artifacts read are
 * the same names and the same defaults.
 */
public final class JobValues {

  private final Map<String, String> values;

  JobValues(Map<String, String> values) {
    this.values = new LinkedHashMap<>(values);
  }

  /** The value of a parameter, if it has one. */
  public Optional<String> text(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The value of a parameter that has one (given or by default). */
  public String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalStateException("job parameter '" + name + "' has no value");
    }
    return value;
  }

  public long integer(String name) {
    return Long.parseLong(required(name));
  }

  public int small(String name) {
    return Math.toIntExact(integer(name));
  }

  public double number(String name) {
    return Double.parseDouble(required(name));
  }

  public boolean bool(String name) {
    return Boolean.parseBoolean(required(name));
  }

  /** Sets a parameter the server computes, or replaces one. */
  public JobValues with(String name, String value) {
    values.put(name, value);
    return this;
  }

  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /** The job operator's parameters. */
  public Properties toProperties() {
    Properties properties = new Properties();
    values.forEach(properties::setProperty);
    return properties;
  }
}

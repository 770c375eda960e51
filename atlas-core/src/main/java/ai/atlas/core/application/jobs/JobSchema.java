package ai.atlas.core.application.jobs;

import ai.atlas.core.common.InvalidInputException;
import ai.atlas.core.common.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A job's parameters, declared once: the REST API checks a request against it, the job
 * definitions endpoint lists it, the job's artifacts read their values through it, and a test
 * holds the job XML's defaults to it. A request that breaks it is bad input, with a message that
 * names the parameter and what it must be.
 */
public record JobSchema(String job, String description, List<JobParameter> parameters) {

  public JobSchema {
    parameters = List.copyOf(parameters);
  }

  public Optional<JobParameter> parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** A caller's request, checked and with the defaults of what it leaves out; computed parameters are left to the server. */
  public JobValues read(JsonObject request) {
    Map<String, String> values = new LinkedHashMap<>();
    for (JobParameter parameter : parameters) {
      if (parameter.computed()) {
        continue;
      }
      JsonValue given = request.get(parameter.name());
      String value = given == null || given.getValueType() == JsonValue.ValueType.NULL ? null : checked(parameter, request);
      if (value == null) {
        if (parameter.required()) {
          throw new InvalidInputException("'" + parameter.name() + "' is required: " + parameter.description());
        }
        value = parameter.defaultValue();
      }
      if (value != null) {
        values.put(parameter.name(), value);
      }
    }
    return new JobValues(values);
  }

  /** The parameters a job was started with, with the schema's defaults for what they leave out (an artifact's view). */
  public JobValues values(Properties started) {
    Map<String, String> values = new LinkedHashMap<>();
    for (JobParameter parameter : parameters) {
      String value = started == null ? null : started.getProperty(parameter.name());
      if (value == null) {
        value = parameter.defaultValue();
      }
      if (value != null) {
        values.put(parameter.name(), value);
      }
    }
    if (started != null) {
      started.stringPropertyNames().forEach(name -> values.putIfAbsent(name, started.getProperty(name)));
    }
    return new JobValues(values);
  }

  private static String checked(JobParameter parameter, JsonObject request) {
    String name = parameter.name();
    JsonValue value = request.get(name);
    return switch (parameter.type()) {
      case TEXT -> Json.optionalString(request, name).orElse(null);
      case BOOLEAN -> {
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
          yield Boolean.toString(value.getValueType() == JsonValue.ValueType.TRUE);
        }
        throw new InvalidInputException("'" + name + "' must be true or false");
      }
      case INTEGER -> {
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
          throw new InvalidInputException("'" + name + "' must be a whole number " + parameter.range());
        }
        long whole = n.longValue();
        if (whole < parameter.min() || whole > parameter.max()) {
          throw new InvalidInputException("'" + name + "' must be " + parameter.range());
        }
        yield Long.toString(whole);
      }
      case NUMBER -> {
        double number = Json.optionalNumber(request, name).orElseThrow();
        if (!(number >= parameter.min() && number <= parameter.max())) {
          throw new InvalidInputException("'" + name + "' must be " + parameter.range());
        }
        yield Double.toString(number);
      }
      case LIST -> {
        List<String> names = new ArrayList<>();
        for (JsonValue item : Json.optionalArray(request, name).orElseThrow()) {
          if (!(item instanceof JsonString text)) {
            throw new InvalidInputException("'" + name + "' must be an array of names");
          }
          names.add(text.getString());
        }
        yield names.isEmpty() ? null : String.join(",", names);
      }
      case CHOICE -> {
        String given = Json.optionalString(request, name).orElse("").strip().toLowerCase(Locale.ROOT);
        yield parameter.choices().stream().filter(c -> c.toLowerCase(Locale.ROOT).equals(given)).findFirst()
            .orElseThrow(() -> new InvalidInputException("'" + name + "' must be " + parameter.choiceList() + ", not '"
                + Json.optionalString(request, name).orElse("") + "'"));
      }
    };
  }
}

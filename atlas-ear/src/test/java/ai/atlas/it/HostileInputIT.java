package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input against every operation of the server's own OpenAPI document, as the
 * administrator (so nothing is refused for want of a role): malformed, deeply nested, wrong-typed
 * and oversized bodies, wrong content types, and bad path and query values. Every answer must be
 * below 500, and every error an {@code application/problem+json} document, those to paths that
 * Liberty's web container refuses before any application sees them included (the request guard,
 * {@code usr:atlasRequestGuard-1.0}, answers them). The operations come from {@code /openapi}, so
 * a new endpoint is covered without touching this test.
 */
class HostileInputIT {

  private static final String DEEP = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
  private static final String HUGE = "{\"task\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}";

  /** A body to send, with its content type. */
  private record Body(String name, String contentType, String text) {}

  private static final List<Body> BODIES = List.of(
      new Body("malformed", "application/json", "{\"profile\": "),
      new Body("nested 2000 deep", "application/json", DEEP),
      new Body("an array", "application/json", "[1, 2, 3]"),
      new Body("a string", "application/json", "\"text\""),
      new Body("wrong types", "application/json", "{\"profile\": 1, \"task\": [], \"status\": {}, \"name\": false, \"role\": 7,"
          + " \"dataset\": {}, \"base\": 1, \"output\": [], \"maxSteps\": \"many\", \"seed\": -1.5}"),
      new Body("nulls", "application/json", "{\"profile\": null, \"task\": null, \"name\": null, \"role\": null}"),
      new Body("NUL characters", "application/json", "{\"profile\": \"a\\u0000b\", \"task\": \"\\u0000\", \"name\": \"\\u0000\"}"),
      new Body("over 4 MiB", "application/json", HUGE),
      new Body("text/plain", "text/plain", "hello"),
      new Body("XML", "application/xml", "<a>1</a>"));

  private static final List<String> BAD_SEGMENTS = List.of("abc", "-1", "99999999999999999999999", "%00", "a%0Ab", "%7F",
      "..%2F..", "%2e%2e", "..;", "..;/x", ";x/y", "../../../..", "%2e%2e/%2e%2e/%2e%2e/%2e%2e", "%E2%82", "x".repeat(3000));

  private static final List<String> BAD_QUERY_VALUES = List.of("abc", "-1", "%00", "99999999999999999999999", "1e309", "%E2%82");

  private record Operation(String method, String path, List<String> pathParameters, List<String> queryParameters, boolean body) {}

  private static List<Operation> operations() {
    HttpResponse<String> document = Server.as(Server.Credentials.NONE).get("/openapi?format=JSON");
    assertThat(document.statusCode()).isEqualTo(200);
    JsonObject paths = Server.json(document).getJsonObject("paths");
    List<Operation> operations = new ArrayList<>();
    paths.forEach((path, value) -> value.asJsonObject().forEach((method, operation) -> {
      if (!List.of("get", "post", "put", "delete", "patch").contains(method)) {
        return;
      }
      JsonObject op = operation.asJsonObject();
      List<String> inPath = new ArrayList<>();
      List<String> inQuery = new ArrayList<>();
      if (op.get("parameters") instanceof jakarta.json.JsonArray parameters) {
        for (JsonValue p : parameters) {
          String where = p.asJsonObject().getString("in", "");
          (where.equals("path") ? inPath : where.equals("query") ? inQuery : new ArrayList<String>())
              .add(p.asJsonObject().getString("name"));
        }
      }
      Operation found = new Operation(method.toUpperCase(java.util.Locale.ROOT), path, inPath, inQuery, op.containsKey("requestBody"));
      if (inPath.contains("job")) {
        operations.addAll(perJob(found)); // one start endpoint serves every job: each job's launcher gets the hostile bodies
      } else {
        operations.add(found);
      }
    }));
    return operations;
  }

  /** The operation once per startable job, its {@code {job}} filled with the job's name. */
  private static List<Operation> perJob(Operation op) {
    List<String> others = op.pathParameters().stream().filter(p -> !p.equals("job")).toList();
    HttpResponse<String> definitions = Server.get("/api/jobs/definitions");
    assertThat(definitions.statusCode()).as(definitions.body()).isEqualTo(200);
    List<Operation> perJob = Server.jsonArray(definitions).stream()
        .map(d -> new Operation(op.method(), fill(op.path(), Map.of("job", d.getString("name"))), others, op.queryParameters(), op.body()))
        .toList();
    assertThat(perJob).as("the startable jobs").hasSizeGreaterThanOrEqualTo(6);
    return perJob;
  }

  @TestFactory
  Stream<DynamicTest> everyOperationAnswersHostileInputWithAProblemAndNever5xx() {
    List<Operation> operations = operations();
    assertThat(operations).as("the OpenAPI document lists the API").hasSizeGreaterThan(30);
    List<DynamicTest> tests = new ArrayList<>();
    for (Operation op : operations) {
      String name = op.method() + " " + op.path();
      // the path with its parameters as harmless valid-looking values, and with each bad segment
      Map<String, String> plain = new LinkedHashMap<>();
      op.pathParameters().forEach(p -> plain.put(p, "987654321"));
      for (String segment : BAD_SEGMENTS) {
        if (op.pathParameters().isEmpty()) {
          break;
        }
        Map<String, String> bad = new LinkedHashMap<>(plain);
        bad.put(op.pathParameters().get(0), segment);
        tests.add(DynamicTest.dynamicTest(name + " with path value " + shorten(segment),
            () -> check(op.method(), fill(op.path(), bad), op.body() ? new Body("empty object", "application/json", "{}") : null)));
      }
      for (String parameter : op.queryParameters()) {
        for (String value : BAD_QUERY_VALUES) {
          tests.add(DynamicTest.dynamicTest(name + " with ?" + parameter + "=" + value,
              () -> check(op.method(), fill(op.path(), plain) + "?" + parameter + "=" + value, null)));
        }
      }
      if (op.body() || !op.method().equals("GET")) {
        for (Body body : BODIES) {
          tests.add(DynamicTest.dynamicTest(name + " with a body: " + body.name(), () -> check(op.method(), fill(op.path(), plain), body)));
        }
      }
    }
    return tests.stream();
  }

  private static String fill(String template, Map<String, String> values) {
    String path = template;
    for (Map.Entry<String, String> value : values.entrySet()) {
      path = path.replaceAll("\\{" + value.getKey() + "(:[^}]*)?\\}", java.util.regex.Matcher.quoteReplacement(value.getValue()));
    }
    return path;
  }

  private static void check(String method, String path, Body body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Server.baseUrl() + path))
        .header("Authorization", Server.admin().authorization());
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", body.contentType()).method(method, HttpRequest.BodyPublishers.ofString(body.text()));
    }
    HttpResponse<String> response = Server.send(request);
    String what = method + " " + shorten(path) + (body == null ? "" : " [" + body.name() + "]") + " → " + response.statusCode() + " "
        + response.headers().firstValue("Content-Type").orElse("(no type)") + " " + shorten(response.body());
    assertThat(response.statusCode()).as(what).isLessThan(500);
    if (response.statusCode() >= 400) {
      assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
      assertThat(Server.json(response).getInt("status")).as(what).isEqualTo(response.statusCode());
    }
  }

  private static String shorten(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }
}

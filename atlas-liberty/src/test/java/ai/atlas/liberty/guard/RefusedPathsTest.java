package ai.atlas.liberty.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RefusedPathsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/api/sessions/%00            | a control character (%00)",
      "/%00                         | a control character (%00)",
      "/api/sessions/a%0Ab          | a control character (%0A)",
      "/api/sessions/%1f            | a control character (%1F)",
      "/api/sessions/%7F            | a control character (%7F)",
      "/api/sessions/%zz            | a '%' that is not followed by two hexadecimal digits",
      "/api/sessions/%              | a '%' that is not followed by two hexadecimal digits",
      "/api/sessions/%4             | a '%' that is not followed by two hexadecimal digits",
      "/api/sessions/%-1            | a '%' that is not followed by two hexadecimal digits",
      "/api/sessions/%+1            | a '%' that is not followed by two hexadecimal digits",
      "/api/..;/x                   | a dot segment with a path parameter",
      "/api/.;a=b/x                 | a dot segment with a path parameter",
      "/api/sessions/%2e%2e;x       | a dot segment with a path parameter",
      "/api/;x/sessions             | an empty segment with a path parameter",
      "/../x                        | a '..' segment that climbs above the root",
      "/api/../../x                 | a '..' segment that climbs above the root",
      "/api/%2e%2e/%2e%2e/x         | a '..' segment that climbs above the root",
      "/api/x%2F..%2F..%2F..%2F..   | a '..' segment that climbs above the root",
      "/api//..//../x               | a '..' segment that climbs above the root",
      "/api/x;p/../../../y          | a '..' segment that climbs above the root",
      "/api/x;%00/y%00              | a control character (%00)",
  })
  void refusesWhatTheWebContainerRefuses(String path, String why) {
    assertThat(RefusedPaths.refusal(path)).hasValue("the request path has " + why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/api/sessions", "/api/sessions/42", "/api/x/../sessions", "/api/./sessions", "/api/sessions/.",
      "/api/sessions/..", "/api/sessions/;x", "/api/sessions/x;jsessionid=1", "/api/x;%00/y", "/api/%73essions",
      "/api/sessions/%E2%82", "/api/sessions/%C0%AF", "/console/app.js", "/api/a+b", "/api/sessions/x%2F..%2F..%2F.."})
  void servesWhatTheWebContainerServes(String path) {
    assertThat(RefusedPaths.refusal(path)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"/a%20b|/a b", "/%E2%82%AC|/€", "/plain|/plain", "/a+b|/a+b"})
  void decodesEscapesAsUtf8AndLeavesPlusAlone(String raw, String decoded) {
    assertThat(RefusedPaths.percentDecoded(raw)).isEqualTo(decoded);
  }
}

package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** HTTPS is on by default, with a generated self-signed development certificate. */
class HttpsIT {

  @Test
  void theApiAnswersOverTlsWithTheDevelopmentCertificate() throws Exception {
    X509Certificate[] seen = new X509Certificate[1];
    TrustManager recordOnly = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        seen[0] = chain[0];
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {recordOnly}, new SecureRandom());
    HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    String port = System.getProperty("atlas.it.httpsPort", "9443");

    HttpResponse<String> me = client.send(
        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/me"))
            .header("Authorization", Server.admin().authorization()).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(me.body()).contains("\"name\":\"admin\"");
    SSLSession session = me.sslSession().orElseThrow();
    assertThat(session.getProtocol()).isIn("TLSv1.2", "TLSv1.3");
    assertThat(seen[0].getSubjectX500Principal().getName()).contains("CN=localhost");
    // Self-signed: the certificate is its own issuer.
    assertThat(seen[0].getIssuerX500Principal()).isEqualTo(seen[0].getSubjectX500Principal());
  }
}

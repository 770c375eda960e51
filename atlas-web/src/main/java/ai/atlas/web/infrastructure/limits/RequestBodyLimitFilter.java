package ai.atlas.web.infrastructure.limits;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps request bodies at {@code atlas.limits.request-body-bytes}: a declared length over the cap is
 * refused before anything is read, and a chunked body is cut off as soon as it passes the cap, so a
 * client can never make the server buffer more.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 10)
public class RequestBodyLimitFilter implements ContainerRequestFilter {

  @Inject
  @ConfigProperty(name = "atlas.limits.request-body-bytes", defaultValue = "4194304")
  long maxBytes;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > maxBytes) {
      throw tooLarge();
    }
    if (request.hasEntity()) {
      request.setEntityStream(new CappedInputStream(request.getEntityStream()));
    }
  }

  private RequestTooLargeException tooLarge() {
    return new RequestTooLargeException("the request body is larger than the limit of " + maxBytes + " bytes");
  }

  private final class CappedInputStream extends FilterInputStream {
    private long read;

    CappedInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > maxBytes) {
        throw tooLarge();
      }
    }
  }
}

package ai.atlas.web.interfaces.support;

import ai.atlas.core.domain.audit.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/** Who is calling, for the audit log: the signed-in name and the client's address. */
public final class Callers {

  private Callers() {}

  public static Actor actor(SecurityContext security, HttpServletRequest request) {
    String name = Optional.ofNullable(security.getUserPrincipal()).map(Principal::getName).orElse("anonymous");
    return new Actor(name, request == null ? null : request.getRemoteAddr());
  }
}

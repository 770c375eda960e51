package ai.atlas.web.infrastructure.limits;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Enforces {@code @RolesAllowed} on every resource method (the method's annotation, else its
 * class's), and refuses a method that declares none: an endpoint without a declared role is a
 * mistake, and it fails closed. The answer is a 403 problem that names the roles needed.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RoleCheckFilter implements ContainerRequestFilter {

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource.getResourceMethod();
    if (method == null) {
      return; // no resource matched: the runtime answers 404/405 itself
    }
    RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class)
        ? method.getAnnotation(RolesAllowed.class)
        : resource.getResourceClass().getAnnotation(RolesAllowed.class);
    if (allowed == null) {
      throw new ForbiddenException("this operation declares no role; it is refused until it does");
    }
    if (request.getSecurityContext().getUserPrincipal() == null) {
      throw new NotAuthorizedException("sign in first", "Basic realm=\"atlas\"");
    }
    boolean permitted = Arrays.stream(allowed.value()).anyMatch(request.getSecurityContext()::isUserInRole);
    if (!permitted) {
      throw new ForbiddenException("this operation needs the role " + String.join(" or ", allowed.value()));
    }
  }
}

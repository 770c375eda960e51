package ai.atlas.web.interfaces.access;

import static ai.atlas.web.interfaces.support.Params.intParam;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.domain.audit.AuditEntry;
import ai.atlas.core.domain.security.Role;
import ai.atlas.core.domain.session.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit log: who changed what, when and from where. Admins only. */
@Path("/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class AuditResource {

  /** One entry as the API shows it. */
  public record EntryDto(long id, Instant at, String actor, String action, String target, String detail, String remoteAddress) {

    static EntryDto of(AuditEntry e) {
      return new EntryDto(e.getId(), e.getOccurredAt(), e.getActor(), e.getAction(), e.getTarget().orElse(null),
          e.getDetail().orElse(null), e.getRemoteAddress().orElse(null));
    }
  }

  /** A page of entries, newest first. */
  public record EntryPageDto(List<EntryDto> items, int page, int size, long total) {}

  @Inject AuditLog audit;

  @GET
  @Operation(summary = "Audit entries, newest first, optionally of one action (e.g. session.review)")
  public EntryPageDto list(
      @QueryParam("action") String action, @QueryParam("page") String page, @QueryParam("size") String size) {
    Page<EntryDto> found = audit.list(action, intParam("page", page, 0), intParam("size", size, 50), EntryDto::of);
    return new EntryPageDto(found.items(), found.page(), found.size(), found.total());
  }
}

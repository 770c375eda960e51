package ai.atlas.web.interfaces.playbooks;

import ai.atlas.core.application.playbook.PlaybookService;
import ai.atlas.core.domain.playbook.PlaybookEntry;
import ai.atlas.core.domain.security.Role;
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

/** Learned playbook entries, with their lifecycle status and use. */
@Path("/playbooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PlaybookResource {

  /** One entry as the API shows it. */
  public record EntryDto(long id, String learningKey, String cue, String cueKind, String audience, String action, String expectedEffect,
      String scope, String status, int uses, Double meanRewardWith, double adoption, Double rewardDelta, Double impact, Long sourceSessionId,
      Instant createdAt) {

    static EntryDto of(PlaybookEntry e, PlaybookService.Impact impact) {
      double mean = e.meanRewardWith();
      return new EntryDto(e.getId(), e.getLearningKey(), e.getCue(), e.getCueKind().wireName(), e.getAudience().wireName(), e.getAction(),
          e.getExpectedEffect(), e.getScope(),
          e.getStatus().wireName(), e.getUses(), Double.isNaN(mean) ? null : mean, impact.adoption(), impact.rewardDelta(),
          impact.impact(), e.getSourceSessionId(), e.getCreatedAt());
    }
  }

  @Inject PlaybookService playbooks;

  @GET
  @RolesAllowed(Role.VIEWER_NAME)
  @Operation(summary = "Playbook entries of a learning key, of a profile's sessions (the newest 500), or the newest 500 of all"
      + " keys, each with its adoption (share of the key's scored sessions that carried it), reward delta (their mean reward"
      + " against the key's others) and impact (adoption times delta)")
  public List<EntryDto> list(@QueryParam("learningKey") String learningKey, @QueryParam("profile") String profile) {
    List<PlaybookEntry> entries;
    if (learningKey != null && !learningKey.isBlank()) {
      entries = playbooks.entries(learningKey.strip());
    } else if (profile != null && !profile.isBlank()) {
      entries = playbooks.ofProfile(profile.strip(), 500);
    } else {
      entries = playbooks.all(500);
    }
    var impacts = playbooks.impacts(entries);
    return entries.stream().map(e -> EntryDto.of(e, impacts.get(e.getId()))).toList();
  }
}

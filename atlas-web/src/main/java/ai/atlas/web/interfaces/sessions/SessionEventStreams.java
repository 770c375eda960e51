package ai.atlas.web.interfaces.sessions;

import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.TrajectoryEvent;
import ai.atlas.core.profile.ProfileService;
import ai.atlas.core.profile.RuntimeProfile;
import ai.atlas.core.runtime.SessionEvents;
import ai.atlas.core.sessions.SessionService.EventsSince;
import ai.atlas.core.sessions.SessionService;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Streams a session's events to a client: replays what is stored, then polls the database for
 * new events until the session ends (so it works whichever server of a cluster runs the session),
 * then sends {@code end}. Runs on the managed executor, not on the request's thread. A session
 * whose profile says {@code orchestration.emit_intermediate_steps: false} (as the profile is when
 * the stream opens) streams without its intermediate events; the stored trace has them all.
 */
@ApplicationScoped
public class SessionEventStreams {

  private static final Logger LOG = Logger.getLogger(SessionEventStreams.class.getName());
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration LONGEST = Duration.ofHours(2);

  @Inject SessionService sessions;
  @Inject ProfileService profiles;

  @Resource ManagedExecutorService executor;

  void stream(long id, int afterSeq, SseEventSink sink, Sse sse) {
    executor.submit(() -> {
      try (sink) {
        boolean intermediate = showsIntermediateSteps(id);
        int last = afterSeq;
        Instant deadline = Instant.now().plus(LONGEST);
        while (!sink.isClosed() && Instant.now().isBefore(deadline)) {
          EventsSince batch = sessions.eventsAfter(id, last);
          for (TrajectoryEvent event : batch.events()) {
            if (!intermediate && SessionEvents.intermediate(event.getType())) {
              last = event.getSeq();
              continue;
            }
            sink.send(sse.newEventBuilder()
                .id(Integer.toString(event.getSeq()))
                .name(event.getType())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, event.getPayload().orElse("{}"))
                .build()).toCompletableFuture().join();
            last = event.getSeq();
          }
          if (!batch.running()) {
            String status = sessions.get(id, s -> s.getStatus().name().toLowerCase(java.util.Locale.ROOT));
            sink.send(sse.newEventBuilder().name("end").data(String.class, "{\"status\":\"" + status + "\"}").build())
                .toCompletableFuture().join();
            return;
          }
          Thread.sleep(POLL.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "event stream of session " + id + " ended", e);
      }
    });
  }

  /** The session's profile's emit_intermediate_steps; yes where the profile is gone or no longer valid. */
  private boolean showsIntermediateSteps(long id) {
    Optional<String> profile = sessions.get(id, AgentSession::getProfile);
    try {
      return profile.map(name -> RuntimeProfile.from(name, profiles.get(name).document()).orchestration().emitIntermediateSteps())
          .orElse(true);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "the profile of session " + id + " could not be read; streaming every event", e);
      return true;
    }
  }
}

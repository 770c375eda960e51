package ai.atlas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.atlas.core.application.audit.AuditLog;
import ai.atlas.core.common.NotFoundException;
import ai.atlas.core.domain.audit.Actor;
import ai.atlas.core.domain.audit.AuditAction;
import ai.atlas.core.domain.session.AgentSession;
import ai.atlas.core.domain.session.ReviewStatus;
import ai.atlas.core.domain.session.SessionRepository;
import ai.atlas.core.sessions.SessionService;
import ai.atlas.spi.SpiVersion;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.File;
import java.net.URISyntaxException;
import org.assertj.core.api.Assertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In-container tests: the core's CDI beans injected and run inside Liberty, with the container's
 * JTA transactions and the server's {@code jdbc/atlas} data source.
 */
@ExtendWith(ArquillianExtension.class)
class SessionServiceInContainerIT {

  @Deployment
  static WebArchive deployment() {
    JavaArchive core = ShrinkWrap.create(JavaArchive.class, "atlas-core.jar")
        // The runtime and the beans that make a profile's plugin components need the application's
        // plugin beans, which this test WAR does not have.
        .addPackages(true, org.jboss.shrinkwrap.api.Filters.exclude(
            ".*/core/runtime/.*|.*/core/plugins/ProfileComponents.*|.*/core/reward/RewardSystem.*"), "ai.atlas.core")
        .addAsResource("atlas-version.properties")
        .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
        .addAsManifestResource("META-INF/beans.xml", "beans.xml");
    JavaArchive spi = ShrinkWrap.create(JavaArchive.class, "atlas-spi.jar").addPackages(true, "ai.atlas.spi");
    return ShrinkWrap.create(WebArchive.class, "atlas-in-container-it.war")
        .addClass(SessionServiceInContainerIT.class)
        .addAsLibraries(core, spi)
        .addAsLibraries(jarOf(Assertions.class), jarOf(org.yaml.snakeyaml.Yaml.class))
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Inject SessionService sessions;
  @Inject SessionRepository repository;
  @Inject AuditLog audit;

  @Test
  void importAndReviewCommitThroughTheContainersTransactions() {
    String task = "in-container " + SpiVersion.CURRENT + " " + System.nanoTime();
    long id = sessions.importTrace(Json.createObjectBuilder().add("task", task).add("final_answer", "ok").build());

    var reviewed = sessions.review(id, ReviewStatus.APPROVED, "checked in container", new Actor("arquillian", "127.0.0.1"),
        s -> s.getReviewDecisions().size());
    assertThat(reviewed).isEqualTo(1);

    // The decision is in the audit log, committed with it.
    var latest = audit.list(AuditAction.SESSION_REVIEW, 0, 50, e -> e.getTarget().orElse("") + " by " + e.getActor());
    assertThat(latest.items()).contains("session:" + id + " by arquillian");

    // A fresh read in a new transaction sees what the service committed.
    AgentSession stored = sessions.get(id, s -> s);
    assertThat(stored.getTask()).isEqualTo(task);
    assertThat(stored.getReviewStatus()).isEqualTo(ReviewStatus.APPROVED);
    assertThat(repository.findById(id)).isPresent();
  }

  @Test
  void unknownIdsAreReportedAsNotFound() {
    assertThatThrownBy(() -> sessions.get(Long.MAX_VALUE, s -> s))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no session with id");
  }

  private static File jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

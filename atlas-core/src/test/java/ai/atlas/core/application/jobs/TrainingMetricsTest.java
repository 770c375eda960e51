package ai.atlas.core.application.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.atlas.core.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrainingMetricsTest {

  static List<String> databases() {
    return TestDatabase.available();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void storesTheStepsOfSftAndGrpoRunsAndReadsThemBackInOrder(String kind) {
    try (TestDatabase db = TestDatabase.create(kind).migrated()) {
      TrainingMetrics.Grpo teaching = new TrainingMetrics.Grpo(0.5, 0.25, 0.01, 0.1, 1.2, 3.5, 0.0, 0.4, 0.1, 100, 5, 30, 1, 60, 2);
      TrainingMetrics.Grpo verifiable = new TrainingMetrics.Grpo(0.6, 0.2, 0.02, 0.0, 1.1, 3.0, 0.25, null, null, 90, 1, 28, 1, 55, 2);
      db.runInTransaction(em -> {
        TrainingMetrics metrics = new TrainingMetrics(em, Clock.systemUTC());
        metrics.record(7, new TrainingMetrics.Step(0, 2.5, 100, 1.5, 1e-4));
        metrics.record(8, new TrainingMetrics.Step(1, -0.02, 64, 0.9, 3e-4, verifiable));
        metrics.record(8, new TrainingMetrics.Step(0, 0.01, 60, 1.1, 3e-4, teaching));
      });

      db.runInTransaction(em -> {
        TrainingMetrics metrics = new TrainingMetrics(em, Clock.systemUTC());
        assertThat(metrics.steps(7)).containsExactly(new TrainingMetrics.Step(0, 2.5, 100, 1.5, 1e-4));
        assertThat(metrics.steps(8)).containsExactly(new TrainingMetrics.Step(0, 0.01, 60, 1.1, 3e-4, teaching),
            new TrainingMetrics.Step(1, -0.02, 64, 0.9, 3e-4, verifiable));
        assertThat(metrics.last(8)).contains(new TrainingMetrics.Step(1, -0.02, 64, 0.9, 3e-4, verifiable));
        assertThat(metrics.last(9)).isEmpty();
      });
    }
  }
}

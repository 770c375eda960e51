package ai.atlas.core.domain.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

  @Test
  void aRewardFarFromTheHistoryDrifts() {
    List<Double> history = List.of(0.80, 0.82, 0.78, 0.81, 0.79, 0.80);

    assertThat(drifts(history, 0.81)).isFalse();
    assertThat(drifts(history, 0.20)).isTrue();
    // median 0.80, MAD 0.01: 0.83 is 0.6745 * 0.03 / 0.01 = 2.02 away, 0.85 is 3.37 away
    assertThat(DriftDetector.score(history, 0.83).getAsDouble()).isCloseTo(2.0235, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(drifts(history, 0.85)).isTrue();
  }

  @Test
  void nothingDriftsBeforeFiveRewards() {
    assertThat(DriftDetector.score(List.of(0.9, 0.9, 0.9, 0.9), 0.0)).isEmpty();
    assertThat(drifts(List.of(0.9, 0.9, 0.9, 0.9, 0.9), 0.0)).isTrue();
    assertThat(drifts(List.of(0.9, 0.9, 0.9, 0.9, 0.9), 0.9)).isFalse();
  }

  @Test
  void onlyTheLastFiftyRewardsCount() {
    List<Double> history = new ArrayList<>(Collections.nCopies(100, 0.1));
    history.addAll(List.of(0.9, 0.91, 0.89, 0.9, 0.92, 0.88));
    history.addAll(Collections.nCopies(44, 0.9));

    assertThat(drifts(history, 0.9)).isFalse();
    assertThat(drifts(history, 0.1)).isTrue();
  }

  private static boolean drifts(List<Double> history, double reward) {
    var z = DriftDetector.score(history, reward);
    return z.isPresent() && z.getAsDouble() >= DriftDetector.THRESHOLD;
  }

  @Test
  void aProfilesDriftRuleSetsItsWindowThresholdBaselineOrTurnsItOff() {
    List<Double> steady = new ArrayList<>(Collections.nCopies(6, 0.8));
    steady.set(0, 0.7);
    steady.set(1, 0.9);
    assertThat(DriftDetector.Settings.DEFAULTS.drift(steady, 0.0)).isPresent();
    assertThat(new DriftDetector.Settings(false, 50, 3.0, 5).drift(steady, 0.0)).as("off").isEmpty();
    assertThat(new DriftDetector.Settings(true, 50, 3.0, 10).drift(steady, 0.0)).as("too little history for its baseline").isEmpty();
    assertThat(new DriftDetector.Settings(true, 50, 1e7, 5).drift(steady, 0.0)).as("a threshold nothing reaches").isEmpty();
    // a window of the last two: both 0.8, so 0.8 is no drift while the whole history's median would say the same
    assertThat(new DriftDetector.Settings(true, 2, 3.0, 2).drift(List.of(0.0, 0.0, 0.8, 0.8), 0.8)).isEmpty();
    assertThat(new DriftDetector.Settings(true, 4, 3.0, 2).drift(List.of(0.0, 0.0, 0.0, 0.0), 0.8)).isPresent();
  }
}

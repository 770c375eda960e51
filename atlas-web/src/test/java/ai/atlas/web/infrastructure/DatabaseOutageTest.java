package ai.atlas.web.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

  @Test
  void aConnectionFailureWrappedByJpaIsAnOutage() {
    SQLException refused = new SQLException("Connection to 127.0.0.1:5433 refused", "08001", new ConnectException("Connection refused"));
    assertThat(DatabaseOutage.causedBy(new PersistenceException("Exception [EclipseLink-4002]", new RuntimeException(refused)))).isTrue();
    assertThat(DatabaseOutage.causedBy(new IllegalStateException(new SQLTransientConnectionException("pool timed out")))).isTrue();
  }

  @Test
  void aConnectionStateChainedAsNextExceptionIsAnOutage() {
    SQLException batch = new SQLException("batch entry 0 failed", "XX000");
    batch.setNextException(new SQLException("An I/O error occurred while sending to the backend", "08006"));
    assertThat(DatabaseOutage.causedBy(new PersistenceException(batch))).isTrue();
  }

  @Test
  void otherDatabaseErrorsAreNot() {
    assertThat(DatabaseOutage.causedBy(new PersistenceException(new SQLException("duplicate key", "23505")))).isFalse();
    assertThat(DatabaseOutage.causedBy(new IllegalStateException("a bug"))).isFalse();
  }
}

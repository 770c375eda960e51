package ai.atlas.core.testing;

import ai.atlas.core.infrastructure.persistence.migration.SchemaMigrator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty database for one test: an in-memory H2 database, or a new schema of the
 * PostgreSQL at {@code ATLAS_TEST_PG_URL} (default 127.0.0.1:5432/test) when it is reachable.
 * {@link #available()} lists the ones this machine has, so repository tests run on both where
 * PostgreSQL runs (as in CI) and on H2 alone elsewhere.
 */
public final class TestDatabase implements AutoCloseable {

  private static final String PG_URL =
      System.getenv().getOrDefault("ATLAS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = System.getenv().getOrDefault("ATLAS_TEST_PG_USER", "postgres");
  private static final boolean PG_REACHABLE = probePostgres();

  private final String name;
  private final DataSource dataSource;
  private final Runnable dropper;
  private EntityManagerFactory emf;

  private TestDatabase(String name, DataSource dataSource, Runnable dropper) {
    this.name = name;
    this.dataSource = dataSource;
    this.dropper = dropper;
  }

  /** The kinds of database reachable here: always "h2", and "postgresql" when it answers. */
  public static List<String> available() {
    List<String> kinds = new ArrayList<>(List.of("h2"));
    if (PG_REACHABLE) {
      kinds.add("postgresql");
    } else {
      System.err.println("PostgreSQL not reachable at " + PG_URL + ": repository tests run on H2 only");
    }
    return kinds;
  }

  /** A new empty database of the given kind. */
  public static TestDatabase create(String kind) {
    String id = "atlas_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (kind.equals("h2")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + id + ";MODE=LEGACY;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1");
      h2.setUser("sa");
      return new TestDatabase("h2", h2, () -> execute(h2, "SHUTDOWN"));
    }
    if (kind.equals("postgresql")) {
      execute(admin(), "CREATE SCHEMA " + id);
      PGSimpleDataSource pg = admin();
      pg.setCurrentSchema(id);
      return new TestDatabase("postgresql", pg, () -> execute(admin(), "DROP SCHEMA " + id + " CASCADE"));
    }
    throw new IllegalArgumentException("unknown database kind " + kind);
  }

  /** The same database, migrated to the current schema. */
  public TestDatabase migrated() {
    new SchemaMigrator(dataSource).migrate();
    return this;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Runs work in one resource-local transaction of the {@code atlas} persistence unit. */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager em = emf().createEntityManager();
    try {
      em.getTransaction().begin();
      T result = work.apply(em);
      em.getTransaction().commit();
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }

  public void runInTransaction(Consumer<EntityManager> work) {
    inTransaction(em -> {
      work.accept(em);
      return null;
    });
  }

  private EntityManagerFactory emf() {
    if (emf == null) {
      Map<String, Object> properties = new HashMap<>();
      properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
      properties.put("jakarta.persistence.jtaDataSource", null);
      properties.put("jakarta.persistence.nonJtaDataSource", dataSource);
      emf = Persistence.createEntityManagerFactory("atlas", properties);
    }
    return emf;
  }

  @Override
  public void close() {
    if (emf != null) {
      emf.close();
    }
    dropper.run();
  }

  @Override
  public String toString() {
    return name;
  }

  private static PGSimpleDataSource admin() {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(PG_URL);
    pg.setUser(PG_USER);
    pg.setConnectTimeout(2);
    return pg;
  }

  private static boolean probePostgres() {
    try (Connection c = DriverManager.getConnection(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "connectTimeout=2", PG_USER, "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void execute(DataSource ds, String sql) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}

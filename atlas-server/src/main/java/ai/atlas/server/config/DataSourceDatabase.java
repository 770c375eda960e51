package ai.atlas.server.config;

import ai.atlas.core.profile.ServerDatabase;
import ai.atlas.core.profile.ServerDatabaseSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The server's database as its data source reports it ({@code jdbc/atlas}, configured by
 * ATLAS_DB_*). Read on first use and kept; while the database cannot be reached it answers
 * {@link ServerDatabase#UNKNOWN} and asks again next time.
 */
@ApplicationScoped
public class DataSourceDatabase implements ServerDatabaseSource {

  private static final Logger LOG = Logger.getLogger(DataSourceDatabase.class.getName());

  @Resource(lookup = "jdbc/atlas")
  DataSource dataSource;

  private volatile ServerDatabase known;

  @Override
  public ServerDatabase current() {
    ServerDatabase database = known;
    if (database == null) {
      try (Connection connection = dataSource.getConnection()) {
        database = ServerDatabase.ofJdbcUrl(connection.getMetaData().getURL());
        known = database;
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.FINE, "the data source's URL could not be read", e);
        return ServerDatabase.UNKNOWN;
      }
    }
    return database;
  }
}

package org.streamingetl.registrar.operations;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import org.jboss.logging.Logger;
import org.streamingetl.common.topics.TableId;
import org.streamingetl.registrar.RegistrarService;
import org.streamingetl.registrar.config.RegistrarConfig;
import org.streamingetl.registrar.connector.ConnectorConfigBuilder;
import org.streamingetl.registrar.snapshot.SnapshotSignals;
import org.streamingetl.registrar.source.SourceInspector;

/** What an operator can ask of the captured source: restart, pause, resume the connector, re-snapshot tables. */
@ApplicationScoped
public class SourceOperations {

    private static final Logger LOG = Logger.getLogger(SourceOperations.class);

    @Inject
    RegistrarConfig config;
    @Inject
    RegistrarService service;
    @Inject
    SourceInspector inspector;
    @Inject
    AgroalDataSource dataSource;

    public void restart() {
        service.restart();
        LOG.infof("Operator restarted connector %s and its tasks", config.connector().name());
    }

    public void pause() {
        service.connect().pause(config.connector().name());
        LOG.infof("Operator paused connector %s", config.connector().name());
    }

    public void resume() {
        service.connect().resume(config.connector().name());
        LOG.infof("Operator resumed connector %s", config.connector().name());
    }

    /**
     * Asks Debezium for an incremental snapshot of the tables ({@code db.table}); returns the signal's id.
     *
     * @throws IllegalArgumentException when a name is not a captured table
     */
    public String snapshot(List<String> tables) throws SQLException {
        if (tables == null || tables.isEmpty()) {
            throw new IllegalArgumentException("name the tables to snapshot: {\"tables\": [\"db.table\", ...]}");
        }
        List<TableId> ids = inspector.captured(tables, config.source().databases());
        String signalTable = ConnectorConfigBuilder.signalTable(config);
        String id = new SnapshotSignals(dataSource, SnapshotSignals.table(signalTable)).requestSnapshot(ids);
        LOG.infof("Operator requested an incremental snapshot of %s (signal %s in %s)", tables, id, signalTable);
        return id;
    }
}

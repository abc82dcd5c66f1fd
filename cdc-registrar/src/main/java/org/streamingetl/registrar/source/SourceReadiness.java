package org.streamingetl.registrar.source;

import java.sql.SQLException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.streamingetl.registrar.connector.Flavor;

/**
 * What the registrar checks on the source database before it registers the connector: which server it is (and so
 * which Debezium connector captures it), and whether it is set up for CDC ({@link PreflightCheck}). Each check
 * fails with {@link IllegalStateException} saying what is wrong; start-up retries it until it passes.
 */
public final class SourceReadiness {

    private static final Logger LOG = Logger.getLogger(SourceReadiness.class);

    private final SourceInspector inspector;

    public SourceReadiness(SourceInspector inspector) {
        this.inspector = inspector;
    }

    /** The configured flavor, or with {@code auto} the one the server's version names. */
    public Flavor flavor(String configured) {
        if (!"auto".equalsIgnoreCase(configured)) {
            return Flavor.valueOf(configured.toLowerCase());
        }
        try {
            String version = inspector.version();
            Flavor flavor = Flavor.fromVersion(version);
            LOG.infof("Source database is %s (%s): using %s", version, flavor, flavor.connectorClass());
            return flavor;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Binary log, row format, full row images, server id and the grants of {@code user}; logs each problem. */
    public void preflight(String user) {
        try {
            var setup = inspector.setup();
            var problems = PreflightCheck.check(setup.variables(), setup.grants(), user);
            if (!problems.isEmpty()) {
                problems.forEach(p -> LOG.errorf("Preflight: %s", p));
                throw new IllegalStateException("the source database is not ready for CDC: " + problems.stream()
                        .map(Object::toString).collect(Collectors.joining("; ")));
            }
            LOG.info("Preflight passed: binary log on, binlog_format=ROW, binlog_row_image=FULL, server_id set, grants complete");
            PreflightCheck.notices(setup.variables()).forEach(n -> LOG.infof("Preflight: %s", n));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}

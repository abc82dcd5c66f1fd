package org.streamingetl.registrar.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import org.streamingetl.common.control.SourceStatus;

/** What the registrar knows about its connector right now; read by health and the REST API. */
@ApplicationScoped
public class SourceState {

    private volatile String problem = "starting";
    private volatile String flavor;
    private volatile SourceStatus status;
    private final java.util.concurrent.atomic.AtomicLong automaticRestarts = new java.util.concurrent.atomic.AtomicLong();

    /** Null when the connector and all its tasks run, else why not. */
    public String problem() {
        return problem;
    }

    public void problem(String problem) {
        this.problem = problem;
    }

    public String flavor() {
        return flavor;
    }

    public void flavor(String flavor) {
        this.flavor = flavor;
    }

    public SourceStatus status() {
        return status;
    }

    public void status(SourceStatus status) {
        this.status = status;
    }

    /** The supervisor restarted a failed connector or task. */
    public void restarted() {
        automaticRestarts.incrementAndGet();
    }

    public long automaticRestarts() {
        return automaticRestarts.get();
    }
}

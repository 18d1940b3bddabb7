package io.reelflow.platform.metrics;

import io.reelflow.platform.metrics.OperationsSnapshot.IncidentKey;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads an {@link OperationsSnapshot}: six aggregate statements in one read-only, repeatable-read
 * transaction (so the figures agree with each other), each with a statement timeout. Every statement
 * is one pass over one small table or one {@code count(*)}; the job table is scanned once for due,
 * failed and locked jobs together (it has no index on {@code duedate_}).
 */
@Component
public class OperationsQueries {

    static final int STATEMENT_TIMEOUT_SECONDS = 5;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public OperationsQueries(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
        this.tx = new TransactionTemplate(transactions);
        this.tx.setReadOnly(true);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.tx.setTimeout(2 * STATEMENT_TIMEOUT_SECONDS);
    }

    public OperationsSnapshot read() {
        long t0 = System.nanoTime();
        OperationsSnapshot s = tx.execute(status -> readInTransaction(t0));
        if (s == null) throw new IllegalStateException("no figures read");
        return s;
    }

    private OperationsSnapshot readInTransaction(long t0) {
        Map<String, Long> deals = grouped("SELECT status, count(*) FROM deal GROUP BY status");
        Long conflictChecks = jdbc.queryForObject("SELECT count(*) FROM deal_event WHERE kind = 'CONFLICTS'", Long.class);

        Map<String, Long> deliveries = new HashMap<>();
        long[] rejected = {0};
        jdbc.query("SELECT stage, count(*), coalesce(sum(rejections), 0) FROM delivery GROUP BY stage", rs -> {
            deliveries.put(rs.getString(1), rs.getLong(2));
            rejected[0] += rs.getLong(3);
        });
        Map<String, Long> qcItems = grouped("SELECT category, count(*) FROM qc_item GROUP BY category");

        Map<IncidentKey, Long> incidents = new HashMap<>();
        jdbc.query("""
                SELECT i.incident_type_, coalesce(d.key_, 'none'), count(*)
                FROM act_ru_incident i LEFT JOIN act_re_procdef d ON d.id_ = i.proc_def_id_
                GROUP BY i.incident_type_, d.key_""", rs -> {
            incidents.merge(new IncidentKey(rs.getString(1), rs.getString(2)), rs.getLong(3), Long::sum);
        });

        // the engine's own notion of "now" (ClockUtil), as its job acquisition uses; duedate_ is a local timestamp
        Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
        List<long[]> jobs = jdbc.query("""
                SELECT count(*) FILTER (WHERE retries_ > 0 AND suspension_state_ = 1 AND (duedate_ IS NULL OR duedate_ <= ?)
                                          AND (lock_owner_ IS NULL OR lock_exp_time_ < ?)),
                       count(*) FILTER (WHERE retries_ <= 0),
                       count(*) FILTER (WHERE lock_owner_ IS NOT NULL AND lock_exp_time_ >= ?)
                FROM act_ru_job""", (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, now, now, now);
        long[] j = jobs.get(0);

        return new OperationsSnapshot(deals, conflictChecks == null ? 0 : conflictChecks, deliveries, rejected[0], qcItems, incidents,
                j[0], j[1], j[2], Instant.now(), Duration.ofNanos(System.nanoTime() - t0));
    }

    private Map<String, Long> grouped(String sql) {
        Map<String, Long> m = new HashMap<>();
        jdbc.query(sql, rs -> {
            m.put(rs.getString(1), rs.getLong(2));
        });
        return m;
    }
}

package io.reelflow.platform.jobs;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The job executor's acquisition query (Camunda 7.24's {@code selectNextJobsToExecute} as this service configures it:
 * every job dated, due jobs oldest first, ten at a time) on a job table like the pipeline benchmark's at the end of
 * its posting: 27,000 timers ahead, 7,500 due asynchronous steps, 6 jobs locked by an executor. Prints PostgreSQL's
 * plan and time without and with {@link JobAcquisitionByDueDate}'s indexes (generic plan, as the JDBC driver's
 * prepared statement gets it after five runs), on Camunda's own schema in an embedded PostgreSQL 17.
 *
 * <p>{@code mvn -B test -Pbench -Dtest=JobAcquisitionPlanBenchmark}
 */
@Tag("benchmark")
class JobAcquisitionPlanBenchmark {

    private static final String ACQUISITION = """
            select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ from ACT_RU_JOB RES
            where (RES.RETRIES_ > 0) and ( RES.DUEDATE_ <= $1 ) and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < $1)
              and RES.SUSPENSION_STATE_ = 1
              and ( (RES.EXCLUSIVE_ = true and not exists( select J2.ID_ from ACT_RU_JOB J2 where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_
                    and (J2.EXCLUSIVE_ = true) and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= $1) ) ) or RES.EXCLUSIVE_ = false )
            order by RES.DUEDATE_ asc LIMIT 10""";

    @Test
    void acquisitionPlanWithoutAndWithTheIndexes() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start(); Connection c = pg.getPostgresDatabase().getConnection();
             Statement st = c.createStatement()) {
            st.execute(new String(getClass().getResourceAsStream("/org/camunda/bpm/engine/db/create/activiti.postgres.create.engine.sql")
                    .readAllBytes(), StandardCharsets.UTF_8));
            st.execute("""
                    INSERT INTO act_ru_job (id_, rev_, type_, exclusive_, retries_, suspension_state_, duedate_, process_instance_id_, handler_type_)
                    SELECT 't' || g, 1, 'timer', true, 3, 1, localtimestamp + (g || ' minutes')::interval, 'p' || g, 'timer-transition'
                    FROM generate_series(1, 27000) g""");
            st.execute("""
                    INSERT INTO act_ru_job (id_, rev_, type_, exclusive_, retries_, suspension_state_, duedate_, process_instance_id_, handler_type_)
                    SELECT 'a' || g, 1, 'message', true, 3, 1, localtimestamp - (g || ' milliseconds')::interval, 'q' || g, 'async-continuation'
                    FROM generate_series(1, 7500) g""");
            st.execute("UPDATE act_ru_job SET lock_owner_ = 'node-1', lock_exp_time_ = localtimestamp + interval '5 minutes' "
                    + "WHERE id_ IN ('a1', 'a2', 'a3', 'a4', 'a5', 'a6')");
            st.execute("ANALYZE act_ru_job");
            explain(st, "Camunda's own indexes only");
            for (String index : JobAcquisitionByDueDate.CREATE_INDEXES) st.execute(index);
            st.execute("ANALYZE act_ru_job");
            explain(st, "with " + JobAcquisitionByDueDate.DUE_INDEX + " and " + JobAcquisitionByDueDate.LOCKED_INDEX);
        }
    }

    private static void explain(Statement st, String label) throws Exception {
        st.execute("SET plan_cache_mode = force_generic_plan");
        st.execute("PREPARE acquire(timestamp) AS " + ACQUISITION);
        for (int i = 0; i < 20; i++) st.execute("EXECUTE acquire(localtimestamp)"); // warm
        long t0 = System.nanoTime();
        int runs = 200;
        for (int i = 0; i < runs; i++) st.execute("EXECUTE acquire(localtimestamp)");
        double ms = (System.nanoTime() - t0) / 1e6 / runs;
        System.out.printf(Locale.ROOT, "%n=== acquisition, %s: %.2f ms per query (mean of %d, round trip included)%n", label, ms, runs);
        try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE acquire(localtimestamp)")) {
            while (rs.next()) System.out.println(rs.getString(1));
        }
        st.execute("DEALLOCATE acquire");
    }
}

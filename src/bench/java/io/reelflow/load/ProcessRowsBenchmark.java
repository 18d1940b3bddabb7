package io.reelflow.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.support.ApiTestSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rows written to PostgreSQL per clean deal, from {@code POST /api/deals} until its background is done (no executable
 * job left): inserts + updates + deletes of every table from {@code pg_stat_user_tables} deltas, by table and by
 * kind (domain, engine runtime, engine history). Deals are posted one after the other over HTTP and their jobs run
 * by the test (the test configuration's job executor is off), so the count is of one deal's work, nothing else.
 *
 * <p>{@code mvn -B test -Pbench -Dtest=ProcessRowsBenchmark [-Dbench.deals=20]}
 */
@Tag("benchmark")
class ProcessRowsBenchmark extends ApiTestSupport {

    private static final int DEALS = Integer.getInteger("bench.deals", 20);

    @Test
    void rowsWrittenPerCleanDeal() throws Exception {
        String historyLevel = jdbc.queryForObject("SELECT value_ FROM act_ge_property WHERE name_ = 'historyLevel'", String.class);
        List<Long> titles = new ArrayList<>();
        for (int i = 0; i < DEALS + 3; i++) {
            long title = createTitle(unique("Rows Title"), "en");
            createRightsIn(title, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
            titles.add(title);
        }
        for (int i = 0; i < 3; i++) post(titles.get(DEALS + i)); // warm-up: first use of each statement
        runJobs();

        Map<String, Long> before = counters();
        java.time.Instant startedAt = java.time.Instant.now();
        long started = System.nanoTime();
        for (int i = 0; i < DEALS; i++) post(titles.get(i));
        runJobs();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        Map<String, Long> after = counters();

        Map<String, Long> perTable = new TreeMap<>();
        long total = 0;
        Map<String, Long> byKind = new TreeMap<>();
        for (var e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (d == 0) continue;
            perTable.put(e.getKey(), d);
            total += d;
            String kind = e.getKey().startsWith("act_hi_") ? "engine history" : e.getKey().startsWith("act_ru_") ? "engine runtime"
                    : e.getKey().startsWith("act_") ? "engine other" : "domain";
            byKind.merge(kind, d, Long::sum);
        }
        System.out.printf("%n=== rows written per clean deal (history level %s, %d deals, %d ms) ===%n", historyLevel, DEALS, elapsedMs);
        System.out.printf("total: %.1f rows per deal%n", total / (double) DEALS);
        byKind.forEach((k, v) -> System.out.printf("  %-16s %7.1f%n", k, v / (double) DEALS));
        perTable.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> System.out.printf("    %-28s %7.1f%n", e.getKey(), e.getValue() / (double) DEALS));
        System.out.println("  variable writes per deal (history detail rows by process and name):");
        jdbc.query("SELECT proc_def_key_, name_, count(*) FROM act_hi_detail WHERE time_ >= ? GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2",
                rs -> { System.out.printf("    %-18s %-28s %5.1f%n", rs.getString(1), rs.getString(2), rs.getLong(3) / (double) DEALS); },
                new java.sql.Timestamp(startedAt.toEpochMilli()));
        System.out.println("  activity instances per deal (by process and activity):");
        jdbc.query("SELECT proc_def_key_, act_id_, count(*) FROM act_hi_actinst WHERE start_time_ >= ? GROUP BY 1, 2 ORDER BY 1, 2",
                rs -> { System.out.printf("    %-18s %-28s %5.1f%n", rs.getString(1), rs.getString(2), rs.getLong(3) / (double) DEALS); },
                new java.sql.Timestamp(startedAt.toEpochMilli()));
        System.out.println("  executions left per deal (by process, activity, scope/concurrent):");
        jdbc.query("SELECT d.key_, coalesce(e.act_id_, '-'), e.is_scope_, e.is_concurrent_, count(*) FROM act_ru_execution e"
                        + " JOIN act_re_procdef d ON d.id_ = e.proc_def_id_ JOIN act_ru_execution p ON p.id_ = e.proc_inst_id_"
                        + " WHERE p.business_key_ LIKE 'ROWS%' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2",
                rs -> { System.out.printf("    %-18s %-28s scope=%-5s concurrent=%-5s %5.1f%n", rs.getString(1), rs.getString(2),
                        rs.getBoolean(3), rs.getBoolean(4), rs.getLong(5) / (double) (DEALS + 3)); });
        assertThat(total).isPositive();
    }

    private void post(long title) {
        Response r = postJson("crm", "/api/deals", dealJson(unique("ROWS"), title, "[\"FR\"]", "2027-01-01", "2028-12-31"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** n_tup_ins + n_tup_upd + n_tup_del per table, once every backend has reported (stats are flushed when idle). */
    private Map<String, Long> counters() throws InterruptedException {
        Thread.sleep(11_000); // an idle backend reports its pending counts within 10 s
        jdbc.execute("SELECT pg_stat_clear_snapshot()");
        Map<String, Long> out = new HashMap<>();
        jdbc.query("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables",
                rs -> { out.put(rs.getString(1), rs.getLong(2)); });
        return out;
    }
}

package io.reelflow.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.rights.CatalogueRequests.NewRightsIn;
import io.reelflow.rights.CatalogueRequests.NewTitle;
import io.reelflow.rights.RightsService.DealRights;
import io.reelflow.rights.RightsService.GrantOutcome;
import io.reelflow.rights.rules.ConflictRule;
import io.reelflow.rights.rules.DateWindow;
import io.reelflow.rights.rules.Media;
import io.reelflow.support.ReelflowSpringTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two deals racing for the same exclusive title × territory × window can never both hold it: the
 * grants go through PostgreSQL's exclusion constraint, so Java's check is not the last word.
 */
@ReelflowSpringTest
class ExclusiveGrantRaceTest {

    @Autowired RightsService rights;
    @Autowired CatalogueService catalogue;
    @Autowired JdbcTemplate jdbc;
    @Autowired DataSource dataSource;

    @Test
    void ofTwoDealsGrantedInTheSameInstantOnDifferentConnectionsExactlyOneWins() throws Exception {
        long title = title();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                LocalDate start = LocalDate.of(2027, 1, 1).plusMonths(round * 3L);
                DealRights a = deal("RACE-A-" + title + "-" + round, title, start, start.plusMonths(2));
                DealRights b = deal("RACE-B-" + title + "-" + round, title, start.plusMonths(1), start.plusMonths(2).plusDays(10));
                // both deals pass the check on their own...
                assertThat(rights.check(a)).isEmpty();
                assertThat(rights.check(b)).isEmpty();

                CyclicBarrier together = new CyclicBarrier(2);
                Future<GrantOutcome> fa = pool.submit(() -> {
                    together.await();
                    return rights.grant(a);
                });
                Future<GrantOutcome> fb = pool.submit(() -> {
                    together.await();
                    return rights.grant(b);
                });
                GrantOutcome ra = fa.get(60, TimeUnit.SECONDS);
                GrantOutcome rb = fb.get(60, TimeUnit.SECONDS);

                // ...but only one of them is granted
                assertThat(List.of(ra.granted(), rb.granted())).as("round " + round).containsExactlyInAnyOrder(true, false);
                GrantOutcome loser = ra.granted() ? rb : ra;
                assertThat(loser.grantsRecorded()).isZero();
                assertThat(loser.conflicts()).extracting(c -> c.rule()).containsOnly(ConflictRule.EXCLUSIVE_OVERLAP);
                assertThat(jdbc.queryForObject("""
                        SELECT count(*) FROM grant_out WHERE deal_ref IN (?, ?) AND status = 'ACTIVE'""", Integer.class,
                        a.dealRef(), b.dealRef())).as("active grants in round " + round).isEqualTo(2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nonOverlappingAndNonExclusiveDealsAreNotBlocked() {
        long title = title();
        LocalDate start = LocalDate.of(2028, 1, 1);
        assertThat(rights.grant(deal("SEQ-1-" + title, title, start, start.plusDays(30))).granted()).isTrue();
        // the day after the last day: no overlap
        assertThat(rights.grant(deal("SEQ-2-" + title, title, start.plusDays(31), start.plusDays(60))).granted()).isTrue();
        // non-exclusive deals may share a period
        DealRights n1 = new DealRights("NX-1-" + title, "AVOD One", List.of(title), Set.of("FR"), Set.of(Media.AVOD),
                new DateWindow(start, start.plusYears(1)), false);
        DealRights n2 = new DealRights("NX-2-" + title, "AVOD Two", List.of(title), Set.of("FR"), Set.of(Media.AVOD),
                new DateWindow(start, start.plusYears(1)), false);
        assertThat(rights.grant(n1).granted()).isTrue();
        assertThat(rights.grant(n2).granted()).isTrue();
    }

    @Test
    void theDatabaseItselfRefusesAnOverlappingExclusiveGrant() throws SQLException {
        long title = title();
        try (Connection c1 = dataSource.getConnection(); Connection c2 = dataSource.getConnection()) {
            c1.setAutoCommit(false);
            c2.setAutoCommit(false);
            insertExclusive(c1, title, "RAW-1-" + title, "2029-01-01", "2029-12-31");
            c1.commit();
            insertExclusive(c2, title, "RAW-2-" + title, "2029-12-31", "2030-06-30"); // one shared day
            assertThatThrownBy(c2::commit).isInstanceOf(SQLException.class).hasMessageContaining("grant_no_exclusive_overlap");
        } catch (SQLException e) {
            // the constraint is checked at insert time (not deferred): same verdict
            assertThat(e.getMessage()).contains("grant_no_exclusive_overlap");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM grant_out WHERE title_id = ?", Integer.class, title)).isEqualTo(1);
    }

    private static void insertExclusive(Connection c, long title, String dealRef, String start, String end) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO grant_out (title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref, status)
                VALUES (?, 'FR', 'SVOD', ?::date, ?::date, true, 'Raw', ?, 'ACTIVE')""")) {
            ps.setLong(1, title);
            ps.setString(2, start);
            ps.setString(3, end);
            ps.setString(4, dealRef);
            ps.executeUpdate();
        }
    }

    private long title() {
        long id = catalogue.createTitle(new NewTitle("Race " + System.nanoTime(), TitleKind.FEATURE, 90, "en", null, false)).id();
        catalogue.createRightsIn(new NewRightsIn(id, "Licensor", List.of("FR", "BE"), List.of("SVOD", "AVOD"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2035, 12, 31), true, null));
        return id;
    }

    private static DealRights deal(String ref, long title, LocalDate start, LocalDate end) {
        return new DealRights(ref, ref.startsWith("RACE-A") ? "Netflix" : "Other SVOD", List.of(title), Set.of("FR", "BE"),
                Set.of(Media.SVOD), new DateWindow(start, end), true);
    }

}

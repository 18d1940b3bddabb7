package io.reelflow.platform.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The business and engine figures of one moment, read from the database in one transaction: the
 * same on every node that shares the database, and unchanged by a restart.
 *
 * @param dealsByStatus           deals per {@code deal.status}
 * @param conflictChecks          rights checks that found at least one conflict ({@code deal_event} of kind {@code CONFLICTS})
 * @param deliveriesByStage       deliveries per {@code delivery.stage}
 * @param rejectedSubmissions     QC results that rejected a submission (sum of {@code delivery.rejections})
 * @param qcItemsByCategory       rejected QC items per category ({@code qc_item.category})
 * @param incidents               open engine incidents per incident type and process definition key
 * @param jobsDue                 jobs the executor may take now: due, not locked (or lock expired), active, retries left
 * @param jobsFailed              jobs whose retries are used up (each has an incident unless one was resolved by hand)
 * @param jobsLocked              jobs a node has locked and is running now
 * @param takenAt                 when the figures were read
 * @param took                    how long the reading took
 */
public record OperationsSnapshot(Map<String, Long> dealsByStatus, long conflictChecks, Map<String, Long> deliveriesByStage,
                                 long rejectedSubmissions, Map<String, Long> qcItemsByCategory, Map<IncidentKey, Long> incidents,
                                 long jobsDue, long jobsFailed, long jobsLocked, Instant takenAt, Duration took) {

    /** An open incident's type ({@code failedJob}, {@code failedExternalTask}, …) and its process definition key. */
    public record IncidentKey(String type, String process) {
    }

    public OperationsSnapshot {
        dealsByStatus = Map.copyOf(dealsByStatus);
        deliveriesByStage = Map.copyOf(deliveriesByStage);
        qcItemsByCategory = Map.copyOf(qcItemsByCategory);
        incidents = Map.copyOf(incidents);
    }

    public long dealsStarted() {
        return dealsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public long incidentsOpen() {
        return incidents.values().stream().mapToLong(Long::longValue).sum();
    }
}

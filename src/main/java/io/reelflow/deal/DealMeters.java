package io.reelflow.deal;

import io.reelflow.platform.metrics.MeterContribution;
import io.reelflow.platform.metrics.OperationsMetrics;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The deal statuses of {@code reelflow_deals{status}}, each exported from the start. */
@Component
class DealMeters implements MeterContribution {

    @Override
    public Map<String, Collection<String>> knownTagValues() {
        return Map.of(OperationsMetrics.DEALS, Arrays.stream(DealStatus.values()).map(Enum::name).toList());
    }
}

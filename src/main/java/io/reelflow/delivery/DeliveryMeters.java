package io.reelflow.delivery;

import io.reelflow.platform.metrics.MeterContribution;
import io.reelflow.platform.metrics.OperationsMetrics;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The delivery stages of {@code reelflow_deliveries{stage}} and the QC categories of {@code reelflow_qc_rejections_total{category}}. */
@Component
class DeliveryMeters implements MeterContribution {

    @Override
    public Map<String, Collection<String>> knownTagValues() {
        return Map.of(OperationsMetrics.DELIVERIES, Arrays.stream(DeliveryStage.values()).map(Enum::name).toList(),
                OperationsMetrics.QC_REJECTIONS, Arrays.stream(QcCategory.values()).map(Enum::name).toList());
    }
}

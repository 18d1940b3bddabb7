package io.reelflow.platform.metrics;

import java.util.Collection;
import java.util.Map;

/**
 * What a capability contributes to the operator metrics ({@link OperationsMetrics}): every value a tag of one of
 * its meters can take, so that each series is exported from the start, at 0 while nothing is there. The capability
 * owns those values (its enums); platform only knows the meter names. A Spring bean of each capability implements it.
 */
public interface MeterContribution {

    /** Meter name ({@link OperationsMetrics#DEALS}, {@link OperationsMetrics#DELIVERIES}, {@link OperationsMetrics#QC_REJECTIONS}) → the values of its tag. */
    Map<String, Collection<String>> knownTagValues();
}

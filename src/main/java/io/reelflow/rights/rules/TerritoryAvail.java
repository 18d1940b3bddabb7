package io.reelflow.rights.rules;

import java.util.List;

/**
 * Availability of one territory for a title x media x period: {@code available} when a request for the
 * whole period would be clean; {@code freePeriods} are the parts of the period where it would be.
 */
public record TerritoryAvail(String territory, boolean available, List<Conflict> conflicts,
                             List<DateWindow> freePeriods) {
    public TerritoryAvail {
        conflicts = List.copyOf(conflicts);
        freePeriods = List.copyOf(freePeriods);
    }
}

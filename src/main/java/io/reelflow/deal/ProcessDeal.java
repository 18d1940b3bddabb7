package io.reelflow.deal;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Which deal a process instance works on: the one whose CRM deal id is the instance's business key. Never a
 * variable (a task completion may write any variable); a key that names no deal is a technical error
 * (retries, then an incident), never acted on.
 */
@Component
public class ProcessDeal {

    private final DealRepository deals;
    private final DealRecords records;

    public ProcessDeal(DealRepository deals, DealRecords records) {
        this.deals = deals;
        this.records = records;
    }

    /** The names of the deal's titles, in the order the CRM sent them, each once. */
    public String titleNames(long dealId) {
        return String.join(", ", records.titles(dealId).stream().map(DealRecords.DealTitle::name).distinct().toList());
    }

    /** The CRM deal id: the business key of the instance (children inherit it). */
    public static String businessKey(VariableScope scope) {
        return io.reelflow.platform.BusinessKey.of(scope);
    }

    public Deal deal(VariableScope scope) {
        String key = businessKey(scope);
        return deals.findByCrmDealId(key).orElseThrow(() -> new IllegalStateException("no deal with CRM id " + key));
    }

    public long dealId(VariableScope scope) {
        return deal(scope).getId();
    }
}

package io.reelflow.deal;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;

/**
 * Which deal a process instance works on: the one whose CRM deal id is the instance's business key. Never a
 * variable (a task completion may write any variable); a key that names no deal is a technical error
 * (retries, then an incident), never acted on.
 */
@Component
public class ProcessDeal {

    private static final Object TRANSACTION_CACHE = ProcessDeal.class.getName() + ".deals";

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
        Map<String, Deal> found = dealsOfThisTransaction();
        Deal deal = found == null ? null : found.get(key);
        if (deal == null) {
            deal = deals.findByCrmDealId(key).orElseThrow(() -> new IllegalStateException("no deal with CRM id " + key));
            if (found != null) found.put(key, deal);
        }
        return deal;
    }

    /**
     * The deals already looked up in the current transaction, by CRM id: one job runs a dozen delegates, listeners and
     * expressions of the same deal, and each would otherwise query it again (the entity stays managed by the
     * transaction's persistence context, so the cached instance is the one the services see). Null outside a transaction.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Deal> dealsOfThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return null;
        Map<String, Deal> found = (Map<String, Deal>) TransactionSynchronizationManager.getResource(TRANSACTION_CACHE);
        if (found == null) {
            Map<String, Deal> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(TRANSACTION_CACHE, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TRANSACTION_CACHE);
                }
            });
            found = fresh;
        }
        return found;
    }

    public long dealId(VariableScope scope) {
        return deal(scope).getId();
    }
}

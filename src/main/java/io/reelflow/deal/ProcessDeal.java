package io.reelflow.deal;

import java.util.HashMap;
import java.util.List;
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

    /**
     * The names of the deal's titles, in the order the CRM sent them, each once (read once per transaction: a task's
     * name and its form's header both show them).
     */
    public String titleNames(long dealId) {
        return String.join(", ", titles(dealId).stream().map(DealRecords.DealTitle::name).distinct().toList());
    }

    /** The deal's titles, in the order the CRM sent them (read once per transaction: they do not change after intake). */
    public List<DealRecords.DealTitle> titles(long dealId) {
        Lookups found = lookupsOfThisTransaction();
        if (found == null) return records.titles(dealId);
        return found.titles.computeIfAbsent(dealId, records::titles);
    }

    /** The CRM deal id: the business key of the instance (children inherit it). */
    public static String businessKey(VariableScope scope) {
        return io.reelflow.platform.BusinessKey.of(scope);
    }

    public Deal deal(VariableScope scope) {
        return deal(businessKey(scope));
    }

    /** The deal with this CRM deal id (a business key), read once per transaction; none is a technical error. */
    public Deal deal(String key) {
        Lookups found = lookupsOfThisTransaction();
        Deal deal = found == null ? null : found.deals.get(key);
        if (deal == null) {
            deal = deals.findByCrmDealId(key).orElseThrow(() -> new IllegalStateException("no deal with CRM id " + key));
            if (found != null) found.deals.put(key, deal);
        }
        return deal;
    }

    /**
     * The deal with this row id: the transaction's copy when a step of it has looked the deal up already (the services a
     * step calls take the row id), else read.
     */
    public Deal byId(long dealId) {
        Lookups found = lookupsOfThisTransaction();
        if (found != null) {
            for (Deal d : found.deals.values()) if (d.getId() == dealId) return d;
        }
        Deal deal = deals.byId(dealId);
        if (found != null) found.deals.put(deal.getCrmDealId(), deal);
        return deal;
    }

    /** What the current transaction has looked up already: deals by CRM id, titles by deal id. */
    private static final class Lookups {
        final Map<String, Deal> deals = new HashMap<>();
        final Map<Long, List<DealRecords.DealTitle>> titles = new HashMap<>();
    }

    /**
     * The lookups of the current transaction: one job runs a dozen delegates, listeners and expressions of the same
     * deal, and each would otherwise query it again (the entity stays managed by the transaction's persistence context,
     * so the cached instance is the one the services see; a deal's titles do not change after intake). Null outside a
     * transaction.
     */
    private static Lookups lookupsOfThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return null;
        Lookups found = (Lookups) TransactionSynchronizationManager.getResource(TRANSACTION_CACHE);
        if (found == null) {
            Lookups fresh = new Lookups();
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

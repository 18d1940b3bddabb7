package io.reelflow.deal;

import io.reelflow.platform.TransactionMemo;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Which deal a process instance works on: the one whose CRM deal id is the instance's business key. Never a
 * variable (a task completion may write any variable); a key that names no deal is a technical error
 * (retries, then an incident), never acted on.
 */
@Component
public class ProcessDeal {

    /*
     * What the current transaction has looked up already (platform.TransactionMemo): one job runs a dozen delegates,
     * listeners and expressions of the same deal, and each would otherwise query it again. The entity stays managed by
     * the transaction's persistence context, so the kept instance is the one the services see; a deal's titles do not
     * change after intake.
     */
    private final TransactionMemo<String, Deal> byCrmId = new TransactionMemo<>("deals-by-crm-id");
    private final TransactionMemo<Long, Deal> byRowId = new TransactionMemo<>("deals-by-row-id");
    private final TransactionMemo<Long, List<DealRecords.DealTitle>> titlesOfDeal = new TransactionMemo<>("deal-titles");

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
        return titlesOfDeal.get(dealId, records::titles);
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
        Deal deal = byCrmId.get(key, k -> deals.findByCrmDealId(k).orElseThrow(() -> new IllegalStateException("no deal with CRM id " + k)));
        byRowId.put(deal.getId(), deal);
        return deal;
    }

    /**
     * The deal with this row id: the transaction's copy when a step of it has looked the deal up already (the services a
     * step calls take the row id), else read.
     */
    public Deal byId(long dealId) {
        Deal deal = byRowId.get(dealId, deals::byId);
        byCrmId.put(deal.getCrmDealId(), deal);
        return deal;
    }

    public long dealId(VariableScope scope) {
        return deal(scope).getId();
    }
}

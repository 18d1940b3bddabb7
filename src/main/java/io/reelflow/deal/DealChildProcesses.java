package io.reelflow.deal;

import io.reelflow.royalty.FeeInstalmentVariables;
import io.reelflow.royalty.LicenceFeeVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;

/**
 * The deal's per-title deliveries, its licence fee and its per-instalment collections are started by the glue beside
 * the process that waits for them ({@code deal-lifecycle}'s "Start title deliveries" and "Start licence fee",
 * {@code licence-fee}'s "Compute royalty schedule"), not called by call activities in parallel branches: a
 * multi-instance body writes five engine variables and three executions per deal that nobody reads, and each
 * concurrent branch of a parallel split two executions more. The waiting process asks, when it gets there, whether any
 * of them still runs, waits at a message catch event if so, and this plugin tells it when the last one has ended:
 * <ul>
 *   <li>a {@code netflix-delivery} or the {@code licence-fee} that ends, with no other delivery nor the fee of its
 *       deal (business key) still running, correlates {@value #DELIVERED_AND_PAID} to the deal's
 *       {@code deal-lifecycle} ("Delivered and paid", waited for once the licence window is over);</li>
 *   <li>a {@code fee-instalment} that ends, with no other instalment of its deal still being collected, correlates
 *       {@value #INSTALMENTS_COLLECTED} to the deal's {@code licence-fee} ("Instalments collected").</li>
 * </ul>
 * The check runs under a per-deal transaction lock, so two children ending at once cannot both see the other one
 * still running, and a parent asking meanwhile sees either the child or nothing left. A child deleted by an operator
 * counts as ended. The listener is built in (given to the process at parse time), so every way a child ends counts,
 * whatever end event its model uses. A child's end while its parent does not wait yet correlates nothing (the parent
 * asks when it gets there).
 */
@Component
public class DealChildProcesses extends AbstractProcessEnginePlugin {

    public static final String DELIVERED_AND_PAID = "deliveredAndPaid";
    public static final String INSTALMENTS_COLLECTED = "instalmentsCollected";

    /** First key of the per-deal lock taken while counting a deal's running children (the second: the CRM id's hash). */
    private static final int LOCK_SPACE = 0x0C411D;

    /** The deal's deliveries and its licence fee: "Delivered and paid" waits until none of them runs. */
    private static final String[] DELIVERIES_AND_FEE = {io.reelflow.delivery.NetflixDeliveryVariables.PROCESS, LicenceFeeVariables.PROCESS};
    private static final String[] INSTALMENTS = {FeeInstalmentVariables.PROCESS};

    /** A message a parent waits for, and the child processes (keys) that must all have ended. */
    private record Wait(String message, String[] children) {
    }

    /** Child process key → what its parent waits for. */
    private static final Map<String, Wait> PARENT_WAIT = Map.of(
            io.reelflow.delivery.NetflixDeliveryVariables.PROCESS, new Wait(DELIVERED_AND_PAID, DELIVERIES_AND_FEE),
            LicenceFeeVariables.PROCESS, new Wait(DELIVERED_AND_PAID, DELIVERIES_AND_FEE),
            FeeInstalmentVariables.PROCESS, new Wait(INSTALMENTS_COLLECTED, INSTALMENTS));

    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;

    public DealChildProcesses(@Lazy RuntimeService runtime, JdbcTemplate jdbc) {
        this.runtime = runtime;
        this.jdbc = jdbc;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                Wait wait = PARENT_WAIT.get(processDefinition.getKey());
                if (wait != null) {
                    ExecutionListener onEnd = execution -> ended(execution, wait);
                    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, onEnd);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    void ended(DelegateExecution execution, Wait wait) {
        // a deleted child (an operator's cancellation in Cockpit) counts as ended too, or its parent would wait forever
        if (execution.getParentId() != null) return; // not the instance itself
        String key = execution.getProcessBusinessKey();
        if (key == null) return;
        // this instance is still in the database until the transaction ends: it is the one left when the count is 1
        if (runningUnderLock(key, wait.children()) <= 1) {
            runtime.createMessageCorrelation(wait.message()).processInstanceBusinessKey(key).correlateAllWithResult();
        }
    }

    /**
     * Does an instance of the process run for the deal? Asked by a parent before it waits for the message: under the
     * same per-deal lock as the children's ends, so either the parent sees the last child still running (and that
     * child, ending after this transaction, finds the parent waiting), or it sees none left.
     */
    public boolean anyRunning(String processKey, String businessKey) {
        return runningUnderLock(businessKey, processKey) > 0;
    }

    /**
     * {@code ${dealChildProcesses.deliveriesOrFeeRunning(execution)}}, asked by {@code deal-lifecycle} once the licence
     * window is over: does a delivery or the licence fee of the deal still run (then it waits for "Delivered and paid")?
     */
    public boolean deliveriesOrFeeRunning(DelegateExecution execution) {
        return runningUnderLock(execution.getProcessBusinessKey(), DELIVERIES_AND_FEE) > 0;
    }

    private long runningUnderLock(String businessKey, String... processKeys) {
        jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", (ResultSetExtractor<Void>) rs -> null, LOCK_SPACE, businessKey);
        return runtime.createProcessInstanceQuery().processDefinitionKeyIn(processKeys).processInstanceBusinessKey(businessKey).count();
    }
}

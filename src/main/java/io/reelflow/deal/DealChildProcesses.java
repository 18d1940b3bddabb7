package io.reelflow.deal;

import io.reelflow.royalty.FeeInstalmentVariables;
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
 * The deal's per-title deliveries and per-instalment collections are started by the glue beside the process that
 * waits for them ({@code deal-lifecycle}'s "Start title deliveries", {@code licence-fee}'s "Compute royalty
 * schedule"), not called by a multi-instance call activity: a multi-instance body writes five engine variables and
 * three executions per deal that nobody reads. The waiting process waits at a message catch event instead, and this
 * plugin tells it when the last of its children has ended:
 * <ul>
 *   <li>a {@code netflix-delivery} that ends, with no other delivery of its deal (business key) still running,
 *       correlates {@value #TITLES_DELIVERED} to the deal's {@code deal-lifecycle} ("Titles delivered");</li>
 *   <li>a {@code fee-instalment} that ends, with no other instalment of its deal still being collected, correlates
 *       {@value #INSTALMENTS_COLLECTED} to the deal's {@code licence-fee} ("Instalments collected").</li>
 * </ul>
 * The check runs under a per-deal transaction lock, so two children ending at once cannot both see the other one
 * still running. A child deleted (a cancelled deal) tells nobody. The listener is built in (given to the process at
 * parse time), so every way a child ends counts, whatever end event its model uses.
 */
@Component
public class DealChildProcesses extends AbstractProcessEnginePlugin {

    public static final String TITLES_DELIVERED = "titlesDelivered";
    public static final String INSTALMENTS_COLLECTED = "instalmentsCollected";

    /** First key of the per-deal lock taken while counting a deal's running children (the second: the CRM id's hash). */
    private static final int LOCK_SPACE = 0x0C411D;

    /** Child process key → the message its parent waits for. */
    private static final Map<String, String> PARENT_MESSAGE = Map.of(
            io.reelflow.delivery.NetflixDeliveryVariables.PROCESS, TITLES_DELIVERED,
            FeeInstalmentVariables.PROCESS, INSTALMENTS_COLLECTED);

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
                String processKey = processDefinition.getKey();
                String message = PARENT_MESSAGE.get(processKey);
                if (message != null) {
                    ExecutionListener onEnd = execution -> ended(execution, processKey, message);
                    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, onEnd);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    void ended(DelegateExecution execution, String processKey, String message) {
        // a deleted child (an operator's cancellation in Cockpit) counts as ended too, or its parent would wait forever
        if (execution.getParentId() != null) return; // not the instance itself
        String key = execution.getProcessBusinessKey();
        if (key == null) return;
        // this instance is still in the database until the transaction ends: it is the one left when the count is 1
        if (runningUnderLock(processKey, key) <= 1) {
            runtime.createMessageCorrelation(message).processInstanceBusinessKey(key).correlateAllWithResult();
        }
    }

    /**
     * Does an instance of the process run for the deal? Asked by a parent before it waits for the message: under the
     * same per-deal lock as the children's ends, so either the parent sees the last child still running (and that
     * child, ending after this transaction, finds the parent waiting), or it sees none left.
     */
    public boolean anyRunning(String processKey, String businessKey) {
        return runningUnderLock(processKey, businessKey) > 0;
    }

    private long runningUnderLock(String processKey, String businessKey) {
        jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", (ResultSetExtractor<Void>) rs -> null, LOCK_SPACE, businessKey);
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(businessKey).count();
    }
}

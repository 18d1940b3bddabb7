package io.reelflow.royalty;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.reelflow.royalty.RoyaltyViews.AgreementView;
import io.reelflow.royalty.RoyaltyViews.StatementView;
import io.reelflow.royalty.rules.StatementFrequency;
import io.reelflow.royalty.rules.StatementPeriod;
import io.reelflow.support.ModelTestEngine;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code royalty-statement} on its own: the real approval and freeze steps, the agreement and statement services
 * mocked (the form's summary listener too: it only formats the statement's figures for the form).
 */
class RoyaltyStatementModelTest extends ModelTestEngine {

    private static final long AGREEMENT = 7;
    private static final StatementPeriod Q1 = StatementPeriod.containing(StatementFrequency.QUARTERLY, LocalDate.of(2027, 2, 1));

    private final RoyaltyStatementService statements = mock(RoyaltyStatementService.class);
    private final RoyaltyAgreementService agreements = mock(RoyaltyAgreementService.class);
    private final TaskListener summary = mock(TaskListener.class);

    @Override
    protected String model() {
        return "royalty-statement.bpmn";
    }

    @BeforeEach
    void glue() {
        AgreementView agreement = mock(AgreementView.class);
        when(agreement.licensor()).thenReturn("Lumen Pictures");
        when(agreement.statementFrequency()).thenReturn("QUARTERLY");
        when(agreements.agreement(AGREEMENT)).thenReturn(agreement);
        StatementView issued = mock(StatementView.class);
        when(issued.periodStart()).thenReturn(Q1.start());
        when(statements.issue(anyString(), anyString(), anyString())).thenReturn(new RoyaltyStatementService.Issued(issued, true));
        Mocks.register("summarizeStatement", summary);
        Mocks.register("approveStatement", new ApproveStatementListener());
        Mocks.register("freezeStatement", new FreezeStatementDelegate(statements, agreements));
    }

    private ProcessInstance start() {
        Map<String, Object> vars = new HashMap<>(RoyaltyStatementDelegates.periodVariables(Q1));
        vars.put(RoyaltyStatementVariables.AGREEMENT_ID.name(), AGREEMENT);
        vars.put(RoyaltyStatementVariables.LICENSOR.name(), "Lumen Pictures");
        vars.put(RoyaltyStatementVariables.FINAL_STATEMENT.name(), false);
        // one cycle per agreement: the key is the agreement's
        runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(RoyaltyStatementDelegates.businessKey(AGREEMENT)).list()
                .forEach(p -> runtimeService().deleteProcessInstance(p.getId(), "fresh cycle"));
        return runtimeService().startProcessInstanceByKey("royalty-statement", RoyaltyStatementDelegates.businessKey(AGREEMENT), vars);
    }

    @Test
    void eachPeriodEndRaisesAStatementThatIsFrozenOnceConfirmedThenTheNextPeriodWaits() {
        ProcessInstance pi = start();
        assertThat(pi).isWaitingAt("periodOrEnd");

        fireTimer(pi.getId(), "periodEnded");
        assertThat(pi).isWaitingAt("issueStatement");
        assertThat(task()).hasCandidateGroup("finance").hasDueDate(
                (java.util.Date) RoyaltyStatementDelegates.periodVariables(Q1).get(RoyaltyStatementVariables.STATEMENT_DUE.name()));
        verify(summary).notify(org.mockito.ArgumentMatchers.any());

        Assertions.assertThatThrownBy(() -> complete(task()))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("tick it to issue");
        assertThat(pi).isWaitingAt("issueStatement");
        verifyNoInteractions(statements);

        complete(task(), withVariables("confirmIssue", true));
        executeJob(pi.getId(), "freezeStatement");
        verify(statements).issue("Lumen Pictures", Q1.label(), "finance");
        assertThat(pi).isWaitingAt("periodOrEnd")
                .variables().containsEntry(RoyaltyStatementVariables.PERIOD_LABEL.name(), Q1.next().label())
                .doesNotContainKey(RoyaltyStatementVariables.CONFIRM_ISSUE.name());
    }

    @Test
    void theEndOfTheAgreementRaisesTheFinalStatementAndEndsTheCycle() {
        ProcessInstance pi = start();
        runtimeService().setVariable(pi.getId(), RoyaltyStatementVariables.FINAL_STATEMENT.name(), true);
        runtimeService().createMessageCorrelation("licensorAgreementEnded").processInstanceBusinessKey(pi.getBusinessKey()).correlate();
        assertThat(pi).isWaitingAt("issueStatement");

        complete(task(), withVariables("confirmIssue", true));
        executeJob(pi.getId(), "freezeStatement");
        verify(statements).issue("Lumen Pictures", Q1.label(), "finance");
        assertThat(pi).hasPassed("cycleEnded").isEnded();
    }
}

package io.reelflow.platform.process;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * The exceptions a refused write of process data ends in. Camunda's REST layer (/engine-rest and the webapps'
 * engine API) turns exceptions into HTTP statuses per endpoint, so each refusal takes the class that endpoint
 * answers with a 4xx: task completion and form submission answer 400 for a {@link FormFieldValidationException};
 * setting task variables and raising a BPMN error or escalation from a task answer 400 for a
 * {@link BadUserRequestException}; every endpoint answers 403 for an {@link AuthorizationException}.
 */
public final class ProcessDataRefusal {

    private ProcessDataRefusal() {
    }

    /** A task completion or form submission that breaks the task's form (400). */
    public static final class FormContractViolation extends FormFieldValidationException {
        public FormContractViolation(String message) {
            super(null, message);
        }
    }

    /** A write of task variables that breaks the task's form (400). */
    public static final class FormContractRequestViolation extends BadUserRequestException {
        public FormContractRequestViolation(String message) {
            super(message);
        }
    }

    /** A write reserved to admins (403). */
    public static final class AdminsOnly extends AuthorizationException {
        public AdminsOnly(String message) {
            super(message);
        }
    }

    static ProcessEngineException forCompletion(String message) {
        return new FormContractViolation(message);
    }

    static ProcessEngineException forVariableRequest(String message) {
        return new FormContractRequestViolation(message);
    }

    static ProcessEngineException adminsOnly(String message) {
        return new AdminsOnly(message);
    }
}

package io.reelflow.platform.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Wrong passwords never lock a user. Camunda's identity service would lock a user for 3 to 60 s after each wrong
 * password ({@code loginDelayBase}, {@code loginDelayFactor}, {@code loginDelayMaxTime}) and for good after
 * {@code loginMaxAttempts} (10): anyone who knows a user name could lock it, the CRM's account included. Here the
 * engine's delay is 0 and its attempt limit unreachable; guessing is slowed by {@link LoginThrottle} instead, and
 * only an admin locks a person ({@link AccountLocks}, which uses the engine's own lock: attempts at the limit).
 */
@Component
public class NoPasswordLockoutPlugin extends AbstractProcessEnginePlugin {

    /** The engine's lock count of a user an admin has locked; the engine refuses every password while attempts reach it. */
    public static final int ADMIN_LOCK = Integer.MAX_VALUE;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setLoginMaxAttempts(ADMIN_LOCK);
        configuration.setLoginDelayBase(0);
        configuration.setLoginDelayMaxTime(0);
    }
}

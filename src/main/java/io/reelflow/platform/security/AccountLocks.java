package io.reelflow.platform.security;

import io.reelflow.platform.web.NotFoundException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Service;

/**
 * Only an admin locks a person: the engine's own lock (attempts at {@link NoPasswordLockoutPlugin#ADMIN_LOCK}), so
 * the webapps' login, HTTP Basic and {@code /engine-rest} all refuse the user's every password until an admin unlocks
 * it (here or in Camunda Admin, "Unlock user").
 */
@Service
public class AccountLocks {

    private final ProcessEngineConfigurationImpl engine;
    private final IdentityService identity;
    private final IdentityServiceAuthenticationProvider logins;

    public AccountLocks(ProcessEngineConfiguration engine, IdentityService identity, IdentityServiceAuthenticationProvider logins) {
        this.engine = (ProcessEngineConfigurationImpl) engine;
        this.identity = identity;
        this.logins = logins;
    }

    public void lock(String userId) {
        if (identity.createUserQuery().userId(userId).count() == 0) throw new NotFoundException("no user " + userId);
        engine.getCommandExecutorTxRequired().execute(ctx -> {
            UserEntity user = ctx.getDbEntityManager().selectById(UserEntity.class, userId);
            ctx.getIdentityInfoManager().updateUserLock(user, NoPasswordLockoutPlugin.ADMIN_LOCK, null);
            return null;
        });
        logins.forgetLogins(); // a login remembered from before the lock must not outlive it
    }

    public void unlock(String userId) {
        if (identity.createUserQuery().userId(userId).count() == 0) throw new NotFoundException("no user " + userId);
        identity.unlockUser(userId);
    }

    public boolean isLocked(String userId) {
        if (identity.createUserQuery().userId(userId).count() == 0) throw new NotFoundException("no user " + userId);
        return engine.getCommandExecutorTxRequired().execute(ctx -> {
            UserEntity user = ctx.getDbEntityManager().selectById(UserEntity.class, userId);
            return user != null && user.getAttempts() >= NoPasswordLockoutPlugin.ADMIN_LOCK;
        });
    }
}

package io.reelflow.platform.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Members of {@code admins} are Camunda administrators, like those of {@code camunda-admin}: the engine
 * skips authorization checks for them and lets them use admin-only operations (job execution,
 * history cleanup, engine properties).
 */
@Component
public class AdminGroupsPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<String> groups = configuration.getAdminGroups() == null ? new ArrayList<>() : new ArrayList<>(configuration.getAdminGroups());
        if (!groups.contains(Roles.ADMINS)) groups.add(Roles.ADMINS);
        configuration.setAdminGroups(groups); // the engine adds camunda-admin itself
    }
}

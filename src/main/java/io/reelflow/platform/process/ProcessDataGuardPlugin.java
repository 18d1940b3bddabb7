package io.reelflow.platform.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Puts the {@link ProcessDataGuard} into the engine's command chain, after the command context is opened (so it
 * reads the task and its deployed form in the command's own transaction, and a refusal rolls back nothing but
 * itself), before the command runs; and its marker of the outermost command first, before the transaction.
 */
@Component
public class ProcessDataGuardPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> pre = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        pre.add(0, new ProcessDataGuard.Outermost(configuration));
        configuration.setCustomPreCommandInterceptorsTxRequired(pre);
        List<CommandInterceptor> post = configuration.getCustomPostCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        post.add(new ProcessDataGuard());
        configuration.setCustomPostCommandInterceptorsTxRequired(post);
    }
}

package io.reelflow.support;

import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The tests' process coverage recorder (reports in target/process-test-coverage): a listener on every activity of
 * every model. On unless {@code reelflow.test.process-coverage=false}, which the load benchmarks set (with
 * {@code @ExcludeFromProcessCoverage}) so that they measure the service as it runs in production.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "reelflow.test.process-coverage", havingValue = "true", matchIfMissing = true)
@Import(ProcessEngineCoverageConfiguration.class)
public class ProcessCoverageRecording {
}

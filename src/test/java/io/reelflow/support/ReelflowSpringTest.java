package io.reelflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one Spring test configuration of the suite (so every test class shares one context, one
 * embedded PostgreSQL and one engine): the whole service on a random port, with process test
 * coverage recording (reports in target/process-test-coverage; {@link ProcessCoverageRecording}), metrics exported as in production.
 */
@Target(ElementType.TYPE)
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ProcessCoverageRecording.class)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability // metrics as in production
public @interface ReelflowSpringTest {
}

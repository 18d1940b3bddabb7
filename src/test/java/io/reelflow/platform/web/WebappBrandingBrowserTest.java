package io.reelflow.platform.web;

import io.reelflow.support.NodeTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelflow.support.ApiTestSupport;
import java.util.Map;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tasklist, Cockpit and Admin in headless Chromium (tools/webapp-branding.js, playwright-core): each login page, then
 * each demo role signed in to every webapp it may open — no Camunda 7 CE end-of-life banner, "Reelflow" and its logo
 * in the page title and the header, no 404 on the page load.
 *
 * <p>Needs Chromium ({@code /usr/bin/chromium} or {@code CHROMIUM}), node, and playwright-core installed with
 * {@code npm ci --prefix tools}. Without them the test is reported SKIPPED with the reason, never passed.
 */
class WebappBrandingBrowserTest extends ApiTestSupport {

    private static final Path SCRIPT = Path.of("tools/webapp-branding.js");
    private static String chromium;

    @org.springframework.beans.factory.annotation.Autowired io.reelflow.platform.security.LoginThrottle throttle;

    @BeforeEach // (not @BeforeAll: surefire reports a skipped class as 0 tests; a skipped test shows as skipped, with its reason)
    void browserAvailable() throws Exception {
        chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assumeTrue(Files.isExecutable(Path.of(chromium)), "no Chromium at " + chromium + " (set CHROMIUM): browser check skipped");
        assumeTrue(run(Path.of("."), 30, "node", "--version").exitCode() == 0, "node is not installed: browser check skipped");
        assumeTrue(run(Path.of("tools"), 30, "node", "-e", "require.resolve('playwright-core')").exitCode() == 0,
                "playwright-core is not installed (run: npm ci --prefix tools): browser check skipped");
        // the browser logs every role in from 127.0.0.1, where earlier tests of the suite sent wrong passwords on purpose
        throttle.reset();
    }

    @Test
    void everyRoleSeesReelflowWithoutBannerOrMissingRequests() throws Exception {
        NodeTool.Result r = run(Path.of("."), 600, "node", SCRIPT.toString(), "http://localhost:" + port);
        assertThat(r.output()).as("tools/webapp-branding.js output").contains("\"page\":\"tasklist login\"", "\"page\":\"admin as admin\"");
        assertThat(r.output()).as(r.output()).doesNotContain("\"ok\":false");
        assertThat(r.exitCode()).as(r.output()).isZero();
        // login pages of 3 webapps, tasklist for 5 roles, cockpit for 2, admin for 1
        assertThat(r.output().lines().filter(l -> l.contains("\"ok\":true")).count()).as(r.output()).isEqualTo(11);
    }

    private static NodeTool.Result run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        return NodeTool.run(dir, seconds, Map.of("CHROMIUM", chromium), command);
    }
}

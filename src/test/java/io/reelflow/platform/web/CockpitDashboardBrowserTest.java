package io.reelflow.platform.web;

import io.reelflow.support.NodeTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelflow.deal.DemoDealHistory;
import io.reelflow.rights.TitleRepository;
import io.reelflow.support.ApiTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The managers' dashboard and the API explorer in headless Chromium (tools/cockpit-dashboard.js, playwright-core), on
 * demo-like data seeded here: a year of past deliveries with their QC outcomes (as the demo start records them) and a
 * current deal whose window ends within 180 days. A manager signed in to Cockpit sees every chart of the Reelflow
 * dashboard drawn with data, on Cockpit's dashboard and on its own page, nothing loaded from outside the service; in
 * Swagger UI, "Authorize" with HTTP Basic and the example deal executed answers 201. Screenshots in
 * target/browser-screenshots. (Every role's sign-in, banner and name: {@link WebappBrandingBrowserTest}.)
 *
 * <p>Needs Chromium ({@code /usr/bin/chromium} or {@code CHROMIUM}), node, and playwright-core installed with
 * {@code npm ci --prefix tools}. Without them the test is reported SKIPPED with the reason, never passed.
 */
class CockpitDashboardBrowserTest extends ApiTestSupport {

    private static final Path SCRIPT = Path.of("tools/cockpit-dashboard.js");
    private static final Path SCREENSHOTS = Path.of("target/browser-screenshots");
    private static String chromium;

    @Autowired io.reelflow.platform.security.LoginThrottle throttle;
    @Autowired DemoDealHistory history;
    @Autowired TitleRepository titles;

    @BeforeEach
    void browserAvailable() throws Exception {
        chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assumeTrue(Files.isExecutable(Path.of(chromium)), "no Chromium at " + chromium + " (set CHROMIUM): browser check skipped");
        assumeTrue(run(Path.of("."), 30, "node", "--version").exitCode() == 0, "node is not installed: browser check skipped");
        assumeTrue(run(Path.of("tools"), 30, "node", "-e", "require.resolve('playwright-core')").exitCode() == 0,
                "playwright-core is not installed (run: npm ci --prefix tools): browser check skipped");
        throttle.reset(); // earlier tests of the suite sent wrong passwords from 127.0.0.1 on purpose
    }

    @Test
    void aManagerSeesTheDashboardChartsAndSwaggerRunsTheExampleDeal() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long titleId = createTitle(unique("Dashboard Browser Title"), "en");
        // exclusive rights of its own: Swagger's example deal is posted for this title (not the demo's title 1, which other tests license)
        createRightsIn(titleId, "[\"WW\"]", "[\"SVOD\"]", "2020-01-01", "2035-12-31", true);
        history.seed(unique("HIST-UI"), titles.findById(titleId).orElseThrow(), "JP", today.minusMonths(13));
        String expiring = unique("NFX-EXPIRING");
        Response deal = postJson("crm", "/api/deals", String.format("""
                {"crmDealId": "%s", "licensee": "Netflix", "titleIds": [%d], "media": ["SVOD"], "exclusive": false, "territories": ["US"],
                 "windowStart": "%s", "windowEnd": "%s",
                 "fee": {"type": "FIXED", "currency": "USD", "amount": 80000.00, "instalments": [{"percent": 100, "trigger": "SIGNATURE", "creditDays": 30}]},
                 "localization": {"subtitles": ["en"]}, "format": {"resolution": "HD", "dynamicRange": "SDR"}, "deliveryDue": "%s"}""",
                expiring, titleId, today.minusDays(30), today.plusDays(100), today.plusDays(20)));
        assertThat(deal.status()).as(deal.toString()).isEqualTo(201);
        runJobs();
        assertThat(get("mark", "/api/windows/expiring?within=180d").body()).contains(expiring);

        Files.createDirectories(SCREENSHOTS);
        NodeTool.Result r = run(Path.of("."), 600, Map.of("EXAMPLE_TITLE_ID", String.valueOf(titleId)),
                "node", SCRIPT.toString(), "http://localhost:" + port, SCREENSHOTS.toString());
        assertThat(r.output()).as(r.output()).doesNotContain("\"ok\":false");
        assertThat(r.exitCode()).as(r.output()).isZero();
        // Cockpit's dashboard, the Reelflow page, no outside request, Swagger's example deal
        assertThat(r.output().lines().filter(l -> l.contains("\"ok\":true")).count()).as(r.output()).isEqualTo(4);
        assertThat(r.output()).contains("\"check\":\"cockpit-reelflow-page\"", "\"status\":\"201\"");
        assertThat(SCREENSHOTS.resolve("cockpit-reelflow-page.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("swagger-example-deal.png")).isNotEmptyFile();
        // the deal Swagger posted runs like any other: granted, nothing left waiting for the suite's later tests
        java.util.regex.Matcher posted = java.util.regex.Pattern.compile("\"crmDealId\":\"(NFX-UI-[A-Z0-9]+)\"").matcher(r.output());
        assertThat(posted.find()).as(r.output()).isTrue();
        runJobs();
        Response example = get("crm", "/api/deals/" + posted.group(1));
        assertThat(example.status()).as(example.toString()).isEqualTo(200);
        assertThat(example.json().get("status").asText()).as(example.toString()).isEqualTo("GRANTED");
        assertThat(example.body()).contains("\"titleId\":" + titleId);
    }

    private static NodeTool.Result run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        return NodeTool.run(dir, seconds, Map.of("CHROMIUM", chromium), command);
    }

    private static NodeTool.Result run(Path dir, int seconds, Map<String, String> env, String... command) throws IOException, InterruptedException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("CHROMIUM", chromium);
        return NodeTool.run(dir, seconds, all, command);
    }
}

package io.reelflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Integration tests over real HTTP against the whole service on an embedded PostgreSQL. The job
 * executor is off in tests: {@link #runJobs()} executes due jobs, so each test decides when the
 * engine moves on. The database is shared by all tests of the run: use {@link #unique(String)}.
 */
@ReelflowSpringTest
public abstract class ApiTestSupport {

    public static final String PASSWORD = "reelflow";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    protected int port;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ManagementService management;

    public record Response(int status, String contentType, String body, ObjectMapper mapper) {
        public JsonNode json() {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The fields named in a problem+json answer's {@code errors}. */
        public List<String> errorFields() {
            List<String> fields = new java.util.ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }

        /** The reason given for one field of a problem+json answer. */
        public String reason(String field) {
            for (JsonNode e : json().path("errors")) {
                if (e.path("field").asText().equals(field)) return e.path("reason").asText();
            }
            throw new AssertionError("no error for field " + field + " in " + body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    protected static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000_000L + "-" + SEQ.incrementAndGet();
    }

    protected Response get(String user, String path) {
        return send(user, HttpRequest.newBuilder(uri(path)).GET());
    }

    protected Response post(String user, String path, String contentType, String body) {
        return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    protected Response postJson(String user, String path, Object body) {
        try {
            return post(user, path, "application/json", body instanceof String s ? s : json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Response send(String user, HttpRequest.Builder request) {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /**
     * Executes every due job (async continuations, timers that are due) until none is left, waiting for the
     * inspections they queued (which run on the service's inspection workers) and for what those move on.
     */
    protected void runJobs() {
        runJobs(true);
    }

    /** As {@link #runJobs()}; without waiting for queued inspections when {@code awaitInspections} is false. */
    protected void runJobs(boolean awaitInspections) {
        for (int round = 0; round < 100; round++) {
            List<Job> jobs = management.createJobQuery().executable().list();
            if (jobs.isEmpty() && !(awaitInspections && awaitInspections())) return;
            for (Job job : jobs) {
                // an earlier job of this round may have removed it (a timer cancelled by another that fired first)
                if (management.createJobQuery().jobId(job.getId()).executable().count() == 0) continue;
                management.executeJob(job.getId());
            }
        }
        throw new AssertionError("jobs keep coming after 100 rounds");
    }

    /** Waits until no inspection is queued, running or waiting to be told to its process; true when there was one. */
    private boolean awaitInspections() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        boolean any = false;
        while (count("SELECT count(*) FROM inspection_request WHERE status <> 'DONE'") > 0) {
            any = true;
            if (System.nanoTime() > deadline) throw new AssertionError("inspections still open after 120 s: "
                    + jdbc.queryForList("SELECT id, status, last_error FROM inspection_request WHERE status <> 'DONE'"));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return any;
    }

    /** Creates a title through the API and returns its id. */
    protected long createTitle(String name, String language) {
        Response r = postJson("rita", "/api/titles", String.format("""
                {"name": "%s", "kind": "FEATURE", "runtimeMinutes": 100, "originalLanguage": "%s"}""", name, language));
        if (r.status() != 201) throw new AssertionError("title not created: " + r);
        return r.json().get("id").asLong();
    }

    /** Records rights-in through the API and returns its id. */
    protected long createRightsIn(long titleId, String territoriesJson, String mediaJson, String start, String end, boolean exclusive) {
        Response r = postJson("rita", "/api/rights-in", String.format("""
                {"titleId": %d, "licensor": "Test Licensor", "territories": %s, "media": %s,
                 "termStart": "%s", "termEnd": %s, "exclusive": %s}""", titleId, territoriesJson, mediaJson, start,
                end == null ? "null" : "\"" + end + "\"", exclusive));
        if (r.status() != 201) throw new AssertionError("rights-in not created: " + r);
        return r.json().get("id").asLong();
    }

    /**
     * Posts a clean deal (FR SVOD exclusive in 2027, on a new title with exclusive rights 2026–2035) and returns its CRM
     * id; its background has not run yet.
     */
    protected String postCleanDeal(String prefix) {
        long title = createTitle(unique(prefix + " title"), "en");
        createRightsIn(title, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        String deal = unique(prefix);
        Response r = postJson("crm", "/api/deals", dealJson(deal, title, "[\"FR\"]", "2027-01-01", "2027-12-31"));
        if (r.status() != 201) throw new AssertionError("deal not accepted: " + r);
        return deal;
    }

    /** A valid deal body; tests change what they need. */
    protected static String dealJson(String crmDealId, long titleId, String territoriesJson, String start, String end) {
        return String.format("""
                {
                  "crmDealId": "%s",
                  "licensee": "Netflix",
                  "titleIds": [%d],
                  "media": ["SVOD"],
                  "exclusive": true,
                  "territories": %s,
                  "windowStart": "%s",
                  "windowEnd": "%s",
                  "fee": {"type": "FIXED", "currency": "EUR", "amount": 250000.00,
                          "instalments": [{"percent": 50, "trigger": "SIGNATURE", "creditDays": 30},
                                          {"percent": 50, "trigger": "DELIVERY_ACCEPTED", "creditDays": 30}]},
                  "localization": {"subtitles": ["fr", "pt-BR"], "dubs": ["fr"], "audioDescription": [], "forcedNarratives": []},
                  "format": {"resolution": "HD", "dynamicRange": "SDR"},
                  "deliveryDue": "%s"
                }""", crmDealId, titleId, territoriesJson, start, end, start);
    }

    protected int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}

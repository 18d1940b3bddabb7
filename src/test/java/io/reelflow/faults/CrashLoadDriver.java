package io.reelflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of {@code tools/crash-test.sh}: a CRM and delivery integrations posting deals and
 * delivery events while the service is killed, then the checks after the restart.
 *
 * <pre>
 * setup  BASE_URL DIR                    titles and rights-in for the load
 * load   BASE_URL DIR DEALS THREADS RATE deals (every 4th starting tomorrow) and 4 events per delivery
 * verify BASE_URL DIR RESTARTED_AT       resend what got no answer, then check every answered request
 * </pre>
 *
 * Every request is written to {@code DIR/journal.jsonl} when sent and again with its answer (or the
 * error) when it comes back; {@code verify} reads only that journal, so what it checks is exactly what
 * the clients were told.
 */
public final class CrashLoadDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PASSWORD = System.getenv().getOrDefault("REELFLOW_DEMO_PASSWORD", "reelflow");
    private static final int TITLES = 12;

    private final String base;
    private final Path dir;
    private final List<String> failures = new ArrayList<>();

    private CrashLoadDriver(String base, Path dir) {
        this.base = base;
        this.dir = dir;
    }

    /** A folder or an (empty) file under DIR/deliveries, the service's delivery storage in the crash test. */
    private String onStorage(String relative, boolean folder) {
        Path p = dir.resolve("deliveries").resolve(relative).toAbsolutePath();
        try {
            if (folder) {
                java.nio.file.Files.createDirectories(p);
            } else if (!java.nio.file.Files.exists(p)) {
                java.nio.file.Files.createDirectories(p.getParent());
                java.nio.file.Files.createFile(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p.toString();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CrashLoadDriver setup|load|verify BASE_URL DIR [...]");
            System.exit(2);
        }
        CrashLoadDriver d = new CrashLoadDriver(args[1], Path.of(args[2]));
        int rc = switch (args[0]) {
            case "setup" -> d.setup();
            case "load" -> d.load(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Double.parseDouble(args[5]));
            case "verify" -> d.verify(Instant.parse(args[3]));
            default -> {
                System.err.println("unknown command " + args[0]);
                yield 2;
            }
        };
        System.exit(rc);
    }

    // ------------------------------------------------------------------ setup

    private int setup() throws IOException {
        Files.createDirectories(dir);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TITLES; i++) {
            Answer t = send("rita", "POST", "/api/titles", String.format("""
                    {"name": "Crash Test Feature %d", "kind": "FEATURE", "runtimeMinutes": 95, "originalLanguage": "en"}""", i + 1));
            if (t.status != 201) throw new IllegalStateException("title not created: " + t);
            long titleId = t.json().get("id").asLong();
            Answer r = send("rita", "POST", "/api/rights-in", String.format("""
                    {"titleId": %d, "licensor": "Crash Test Films", "territories": ["WW"], "media": ["SVOD"],
                     "termStart": "2020-01-01", "termEnd": "2045-12-31", "exclusive": false}""", titleId));
            if (r.status != 201) throw new IllegalStateException("rights-in not created: " + r);
            ids.add(Long.toString(titleId));
        }
        Files.write(dir.resolve("titles.txt"), ids);
        System.out.println("setup: " + ids.size() + " titles with worldwide non-exclusive SVOD rights 2020-2045");
        return 0;
    }

    // ------------------------------------------------------------------ load

    private Journal journal;

    private int load(int deals, int threads, double ratePerSecond) throws Exception {
        List<Long> titles = Files.readAllLines(dir.resolve("titles.txt")).stream().map(Long::parseLong).toList();
        String run = dir.getFileName().toString().replaceAll("[^A-Za-z0-9]", "");
        journal = new Journal(dir.resolve("journal.jsonl"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        ConcurrentLinkedQueue<String> granted = new ConcurrentLinkedQueue<>();
        AtomicBoolean dealsDone = new AtomicBoolean();
        AtomicInteger dealAcks = new AtomicInteger();
        AtomicInteger eventAcks = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        long intervalNanos = (long) (1_000_000_000L / ratePerSecond);
        for (int i = 0; i < deals; i++) {
            int n = i;
            long due = started + n * intervalNanos;
            pool.submit(() -> {
                sleepUntil(due);
                String crmId = "CRASH-" + run + "-" + String.format("%04d", n);
                boolean tomorrow = n % 4 == 3;
                LocalDate start = tomorrow ? today.plusDays(1) : today;
                String body = dealJson(crmId, titles.get(n % titles.size()), start, start.plusYears(2), start.plusDays(60));
                Answer a = journal.call("deal", crmId, "crm", "POST", "/api/deals", body);
                if (a.is2xx()) {
                    dealAcks.incrementAndGet();
                    granted.add(crmId);
                } else if (a.status < 0) {
                    unanswered.incrementAndGet();
                } else {
                    System.err.println("deal " + crmId + " refused: " + a);
                }
            });
        }
        pool.shutdown();

        // the delivery integrations: events for every delivery as soon as it exists
        Thread events = new Thread(() -> postEvents(granted, dealsDone, eventAcks, unanswered), "events");
        events.start();
        Thread progress = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Files.writeString(dir.resolve("progress.tmp"), dealAcks.get() + " " + eventAcks.get() + " " + unanswered.get() + "\n");
                    Files.move(dir.resolve("progress.tmp"), dir.resolve("progress"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "progress");
        progress.setDaemon(true);
        progress.start();

        pool.awaitTermination(1, TimeUnit.HOURS);
        dealsDone.set(true);
        events.join();
        progress.interrupt();
        journal.close();
        System.out.printf("load: %d deals sent in %.1f s; answered 2xx: %d deals, %d events; no answer (connection refused or cut): %d%n",
                deals, (System.nanoTime() - started) / 1e9, dealAcks.get(), eventAcks.get(), unanswered.get());
        return 0;
    }

    private void postEvents(ConcurrentLinkedQueue<String> granted, AtomicBoolean dealsDone, AtomicInteger acks, AtomicInteger unanswered) {
        List<String> waiting = new ArrayList<>();
        long downSince = 0;
        while (true) {
            for (String s; (s = granted.poll()) != null; ) waiting.add(s);
            boolean serverDown = false;
            for (var it = waiting.iterator(); it.hasNext() && !serverDown; ) {
                String crmId = it.next();
                Answer d = send("crm", "GET", "/api/deliveries?crmDealId=" + crmId, null);
                if (d.status < 0) {
                    serverDown = true;
                    break;
                }
                if (d.status != 200 || d.json().isEmpty()) continue; // not created yet
                JsonNode delivery = d.json().get(0);
                long deliveryId = delivery.get("id").asLong();
                List<String[]> evs = new ArrayList<>();
                // on the delivery storage the service reads (REELFLOW_DELIVERY_STORAGE = DIR/deliveries)
                evs.add(new String[]{crmId + "-pkg", String.format(
                        "{\"eventId\":\"%s-pkg\",\"type\":\"PACKAGE_READY\",\"packageLocation\":\"%s\"}", crmId, onStorage("delivery/" + crmId + "/imp1", true))});
                for (JsonNode t : delivery.get("tracks")) {
                    String kind = t.get("kind").asText();
                    String lang = t.get("language").asText();
                    String id = crmId + "-" + kind.toLowerCase() + "-" + lang;
                    String duration = kind.equals("SUBTITLE") || kind.equals("FORCED_NARRATIVE") ? "" : ",\"durationSeconds\":5700.0";
                    evs.add(new String[]{id, String.format(
                            "{\"eventId\":\"%s\",\"type\":\"TRACK_DELIVERED\",\"kind\":\"%s\",\"language\":\"%s\",\"fileLocation\":\"%s\"%s}",
                            id, kind, lang, onStorage("vendor/" + id, false), duration)});
                }
                for (String[] ev : evs) {
                    Answer a = journal.call("event", ev[0], "crm", "POST", "/api/deliveries/" + deliveryId + "/events", ev[1]);
                    if (a.is2xx()) acks.incrementAndGet();
                    else if (a.status < 0) unanswered.incrementAndGet();
                    else System.err.println("event " + ev[0] + " refused: " + a);
                }
                it.remove();
            }
            if (serverDown) {
                if (downSince == 0) downSince = System.nanoTime();
            } else {
                downSince = 0;
            }
            boolean downLong = downSince != 0 && System.nanoTime() - downSince > 3_000_000_000L;
            if (dealsDone.get() && granted.isEmpty() && (waiting.isEmpty() || downLong)) return;
            sleepMillis(serverDown ? 200 : 100);
        }
    }

    private static String dealJson(String crmId, long titleId, LocalDate start, LocalDate end, LocalDate due) {
        return String.format("""
                {"crmDealId": "%s", "licensee": "Netflix", "titleIds": [%d], "media": ["SVOD"], "exclusive": false,
                 "territories": ["FR", "DE", "GB"], "windowStart": "%s", "windowEnd": "%s",
                 "fee": {"type": "FIXED", "currency": "EUR", "amount": 100000.00,
                         "instalments": [{"percent": 50, "trigger": "SIGNATURE", "creditDays": 30},
                                         {"percent": 50, "trigger": "DELIVERY_ACCEPTED", "creditDays": 30}]},
                 "localization": {"subtitles": ["fr", "de"], "dubs": ["fr"], "audioDescription": [], "forcedNarratives": []},
                 "format": {"resolution": "HD", "dynamicRange": "SDR"}, "deliveryDue": "%s"}""", crmId, titleId, start, end, due);
    }

    // ------------------------------------------------------------------ verify

    private record Sent(String op, String key, String method, String path, String body) {
    }

    private int verify(Instant restartedAt) throws Exception {
        Map<String, Sent> sent = new LinkedHashMap<>();
        Map<String, JsonNode> acked = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("journal.jsonl"))) {
            JsonNode j = JSON.readTree(line);
            String id = j.get("op").asText() + ":" + j.get("key").asText();
            if (j.get("phase").asText().equals("sent")) {
                sent.put(id, new Sent(j.get("op").asText(), j.get("key").asText(), j.get("method").asText(), j.get("path").asText(),
                        j.get("body").asText()));
            } else if (j.get("phase").asText().equals("answer") && j.get("status").asInt() / 100 == 2) {
                acked.put(id, JSON.readTree(j.get("response").asText()));
            }
        }
        Map<String, Sent> dealsSent = filter(sent, "deal");
        Map<String, Sent> eventsSent = filter(sent, "event");
        long dealsAcked = acked.keySet().stream().filter(k -> k.startsWith("deal:")).count();
        long eventsAcked = acked.keySet().stream().filter(k -> k.startsWith("event:")).count();
        System.out.printf("journal: %d deals sent, %d answered 2xx; %d events sent, %d answered 2xx%n", dealsSent.size(), dealsAcked,
                eventsSent.size(), eventsAcked);

        // 1. the clients resend what got no answer, as a CRM or a vendor does after a timeout
        int dealsAlreadyThere = 0;
        int dealsNew = 0;
        int eventsAlreadyThere = 0;
        int eventsNew = 0;
        Map<String, JsonNode> resent = new LinkedHashMap<>();
        for (var e : sent.entrySet()) {
            if (acked.containsKey(e.getKey())) continue;
            Sent s = e.getValue();
            Answer a = send("crm", s.method, s.path, s.body);
            if (s.op.equals("deal")) {
                if (a.status == 200) dealsAlreadyThere++;
                else if (a.status == 201) dealsNew++;
                else fail("resent deal " + s.key + ": expected 200 or 201, got " + a);
            } else {
                if (a.status == 200 && a.json().path("duplicate").asBoolean()) eventsAlreadyThere++;
                else if (a.status == 202) eventsNew++;
                else fail("resent event " + s.key + ": expected 200 duplicate or 202, got " + a);
            }
            if (a.is2xx()) resent.put(e.getKey(), a.json());
        }
        System.out.printf("resent after restart: %d deals (%d were already stored: 200, %d new: 201), %d events (%d already stored, %d new)%n",
                dealsAlreadyThere + dealsNew, dealsAlreadyThere, dealsNew, eventsAlreadyThere + eventsNew, eventsAlreadyThere, eventsNew);

        // 2. every answered deal is there with the process instance it was answered with, exactly one
        int dealsChecked = 0;
        for (var e : dealsSent.entrySet()) {
            String crmId = e.getValue().key;
            Answer g = send("crm", "GET", "/api/deals/" + crmId, null);
            if (g.status != 200) {
                fail("deal " + crmId + (acked.containsKey(e.getKey()) ? " (answered 2xx before the crash)" : "") + " missing: " + g);
                continue;
            }
            List<String> lifecycles = instances(g.json(), "deal-lifecycle");
            if (lifecycles.size() != 1) fail("deal " + crmId + " has " + lifecycles.size() + " deal-lifecycle instances: " + lifecycles);
            JsonNode first = acked.containsKey(e.getKey()) ? acked.get(e.getKey()) : resent.get(e.getKey());
            if (first != null) {
                List<String> answered = instances(first, "deal-lifecycle");
                if (!answered.equals(lifecycles)) fail("deal " + crmId + " was answered with instance " + answered + ", now has " + lifecycles);
            }
            dealsChecked++;
        }
        String prefix = dealsSent.values().iterator().next().key.replaceAll("-\\d+$", "-");
        int engineCount = engineCount("/engine-rest/history/process-instance/count?processDefinitionKey=deal-lifecycle&processInstanceBusinessKeyLike="
                + prefix + "%25");
        if (engineCount != dealsSent.size()) fail("the engine holds " + engineCount + " deal-lifecycle instances for " + dealsSent.size() + " deals");
        System.out.printf("deals: %d of %d present, each with exactly one deal-lifecycle (engine: %d instances for %d CRM deal ids)%n",
                dealsChecked, dealsSent.size(), engineCount, dealsSent.size());

        // 3. every deal moves on: granted, and live when its window has started
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, JsonNode> settled = waitForDeals(dealsSent.values().stream().map(Sent::key).toList(), today, Duration.ofMinutes(8));
        long inWindow = settled.values().stream().filter(d -> d.get("status").asText().equals("IN_WINDOW")).count();
        long grantedTomorrow = settled.values().stream().filter(d -> d.get("status").asText().equals("GRANTED")).count();
        System.out.printf("deals settled: %d of %d (IN_WINDOW, window started today: %d; GRANTED, window starts tomorrow: %d)%n",
                settled.size(), dealsSent.size(), inWindow, grantedTomorrow);

        // 4. every answered event is stored once, and answers as a duplicate with its first result
        Map<Long, Set<String>> expectedByDelivery = new TreeMap<>();
        int eventsChecked = 0;
        for (var e : eventsSent.entrySet()) {
            Sent s = e.getValue();
            long deliveryId = Long.parseLong(s.path.replaceAll("\\D+", " ").trim().split(" ")[0]);
            expectedByDelivery.computeIfAbsent(deliveryId, k -> new LinkedHashSet<>()).add(s.key);
            Answer again = send("crm", s.method, s.path, s.body);
            JsonNode first = acked.containsKey(e.getKey()) ? acked.get(e.getKey()) : resent.get(e.getKey());
            if (again.status != 200 || !again.json().path("duplicate").asBoolean()) {
                fail("event " + s.key + (acked.containsKey(e.getKey()) ? " (answered 2xx before the crash)" : "") + " not stored: " + again);
            } else if (first != null && (first.get("deliveryId").asLong() != again.json().get("deliveryId").asLong()
                    || !first.get("type").asText().equals(again.json().get("type").asText()))) {
                fail("event " + s.key + " answered " + first + " first, now " + again);
            } else {
                eventsChecked++;
            }
        }
        int storedTotal = 0;
        for (var d : expectedByDelivery.entrySet()) {
            Answer g = send("crm", "GET", "/api/deliveries/" + d.getKey(), null);
            List<String> pending = new ArrayList<>();
            g.json().path("pendingEvents").forEach(p -> pending.add(p.asText()));
            storedTotal += pending.size();
            if (pending.size() != new LinkedHashSet<>(pending).size()) fail("delivery " + d.getKey() + " holds an event twice: " + pending);
            if (!new LinkedHashSet<>(pending).equals(d.getValue())) {
                fail("delivery " + d.getKey() + " holds " + pending + ", the integrations sent " + d.getValue());
            }
        }
        System.out.printf("events: %d of %d stored and answered as duplicates with their first result; %d deliveries hold %d events, none twice%n",
                eventsChecked, eventsSent.size(), expectedByDelivery.size(), storedTotal);

        // 5. timers: the Backlot setup escalation of every delivery fires once, including those due after the restart
        int deliveries = engineCount("/engine-rest/history/process-instance/count?processDefinitionKey=netflix-delivery&processInstanceBusinessKeyLike="
                + prefix + "%25");
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (engineCount("/engine-rest/job/count?processDefinitionKey=netflix-delivery&activityId=backlotSetupOverdue") > 0
                && System.nanoTime() < deadline) {
            sleepMillis(2000);
        }
        JsonNode escalations = engine("/engine-rest/history/task?taskDefinitionKey=escalateBacklotSetup&processInstanceBusinessKeyLike=" + prefix
                + "%25&maxResults=100000");
        Map<String, Integer> perInstance = new HashMap<>();
        int afterRestart = 0;
        for (JsonNode t : escalations) {
            perInstance.merge(t.get("processInstanceId").asText(), 1, Integer::sum);
            if (parseEngineDate(t.get("startTime").asText()).isAfter(restartedAt)) afterRestart++;
        }
        if (perInstance.size() != deliveries) fail(perInstance.size() + " of " + deliveries + " deliveries had their Backlot setup escalation");
        perInstance.forEach((pi, n) -> {
            if (n != 1) fail("delivery instance " + pi + " was escalated " + n + " times");
        });
        if (afterRestart == 0) fail("no Backlot escalation timer was waiting across the crash: the run proves nothing about timers");
        System.out.printf("timers (Backlot setup overdue, PT2M): %d deliveries, %d escalations, %d of them fired after the restart, none twice%n",
                deliveries, escalations.size(), afterRestart);

        // 6. window-start timers of the deals starting tomorrow: kept with their date, none early; brought forward, each fires once
        int windowTimers = 0;
        List<String> tomorrowDeals = new ArrayList<>();
        Instant midnight = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (JsonNode d : settled.values()) {
            if (!d.get("windowStart").asText().equals(today.plusDays(1).toString())) continue;
            tomorrowDeals.add(d.get("crmDealId").asText());
            List<String> watch = instances(d, "window-watch");
            if (watch.size() != 1) {
                fail("deal " + d.get("crmDealId").asText() + " has " + watch.size() + " window-watch instances");
                continue;
            }
            JsonNode jobs = engine("/engine-rest/job?processInstanceId=" + watch.get(0) + "&activityId=windowStarts");
            if (jobs.size() != 1) {
                fail("deal " + d.get("crmDealId").asText() + ": " + jobs.size() + " window-start timers");
                continue;
            }
            Instant dueAt = parseEngineDate(jobs.get(0).get("dueDate").asText());
            if (!dueAt.equals(midnight)) fail("deal " + d.get("crmDealId").asText() + ": window-start timer due " + dueAt + ", expected " + midnight);
            Answer moved = send("admin", "PUT", "/engine-rest/job/" + jobs.get(0).get("id").asText() + "/duedate",
                    "{\"duedate\": \"" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC).format(Instant.now()) + "\"}");
            if (moved.status != 204) fail("could not bring timer forward: " + moved);
            windowTimers++;
        }
        Map<String, JsonNode> live = waitForStatus(tomorrowDeals, "IN_WINDOW", Duration.ofMinutes(4));
        for (JsonNode d : live.values()) {
            long goLives = 0;
            for (JsonNode ev : d.get("events")) if (ev.get("kind").asText().equals("IN_WINDOW")) goLives++;
            if (goLives != 1) fail("deal " + d.get("crmDealId").asText() + " went live " + goLives + " times");
        }
        System.out.printf("timers (window starts, due %s): %d kept across the crash with their date, none fired early; "
                + "brought forward to now: %d of %d deals went IN_WINDOW, each once%n", midnight, windowTimers, live.size(), tomorrowDeals.size());

        // 7. nothing ended in an incident
        int incidents = engineCount("/engine-rest/incident/count");
        if (incidents != 0) fail(incidents + " incidents: " + engine("/engine-rest/incident?maxResults=5"));
        System.out.println("incidents: " + incidents);

        if (failures.isEmpty()) {
            System.out.println("RESULT: PASS");
            return 0;
        }
        System.out.println("RESULT: FAIL (" + failures.size() + " problems)");
        failures.stream().limit(50).forEach(f -> System.out.println("  - " + f));
        return 1;
    }

    private Map<String, JsonNode> waitForDeals(List<String> crmIds, LocalDate today, Duration timeout) {
        Map<String, JsonNode> settled = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String id : crmIds) {
                if (settled.containsKey(id)) continue;
                Answer g = send("crm", "GET", "/api/deals/" + id, null);
                if (g.status != 200) continue;
                JsonNode d = g.json();
                boolean startsToday = !LocalDate.parse(d.get("windowStart").asText()).isAfter(today);
                String status = d.get("status").asText();
                boolean watchWaits = instances(d, "window-watch").size() == 1 && waitingAt(d, "window-watch").contains("Window starts");
                if (startsToday ? status.equals("IN_WINDOW") : status.equals("GRANTED") && watchWaits) settled.put(id, d);
                if (!startsToday && status.equals("IN_WINDOW")) fail("deal " + id + " went live before its window starts");
            }
            if (settled.size() == crmIds.size() || System.nanoTime() > deadline) break;
            sleepMillis(2000);
        }
        for (String id : crmIds) {
            if (!settled.containsKey(id)) fail("deal " + id + " did not settle: " + send("crm", "GET", "/api/deals/" + id, null));
        }
        return settled;
    }

    private Map<String, JsonNode> waitForStatus(List<String> crmIds, String status, Duration timeout) {
        Map<String, JsonNode> done = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (done.size() < crmIds.size() && System.nanoTime() < deadline) {
            for (String id : crmIds) {
                if (done.containsKey(id)) continue;
                Answer g = send("crm", "GET", "/api/deals/" + id, null);
                if (g.status == 200 && g.json().get("status").asText().equals(status)) done.put(id, g.json());
            }
            if (done.size() < crmIds.size()) sleepMillis(2000);
        }
        for (String id : crmIds) if (!done.containsKey(id)) fail("deal " + id + " never reached " + status);
        return done;
    }

    private static List<String> instances(JsonNode deal, String process) {
        List<String> ids = new ArrayList<>();
        deal.path("processes").forEach(p -> {
            if (p.get("process").asText().equals(process)) ids.add(p.get("instanceId").asText());
        });
        return ids;
    }

    private static List<String> waitingAt(JsonNode deal, String process) {
        List<String> at = new ArrayList<>();
        deal.path("processes").forEach(p -> {
            if (p.get("process").asText().equals(process)) p.path("waitingAt").forEach(w -> at.add(w.asText()));
        });
        return at;
    }

    private static Map<String, Sent> filter(Map<String, Sent> sent, String op) {
        Map<String, Sent> m = new LinkedHashMap<>();
        sent.forEach((k, v) -> {
            if (v.op.equals(op)) m.put(k, v);
        });
        return m;
    }

    private int engineCount(String path) {
        return engine(path).get("count").asInt();
    }

    private JsonNode engine(String path) {
        Answer a = send("admin", "GET", path, null);
        if (a.status != 200) throw new IllegalStateException(path + ": " + a);
        return a.json();
    }

    private static Instant parseEngineDate(String s) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").parse(s, Instant::from);
    }

    private void fail(String message) {
        synchronized (failures) {
            failures.add(message);
        }
    }

    // ------------------------------------------------------------------ HTTP and journal

    private record Answer(int status, String body) {
        boolean is2xx() {
            return status / 100 == 2;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status < 0 ? "no answer (" + body + ")" : status + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }

    private Answer send(String user, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (body == null) b.method(method, HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    /** Every request as sent, then its answer, one JSON line each, written before the caller moves on. */
    private final class Journal {
        private final BufferedWriter out;

        Journal(Path file) throws IOException {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        Answer call(String op, String key, String user, String method, String path, String body) {
            ObjectNode s = JSON.createObjectNode().put("phase", "sent").put("op", op).put("key", key).put("method", method).put("path", path)
                    .put("body", body).put("at", Instant.now().toString());
            write(s);
            Answer a = send(user, method, path, body);
            write(JSON.createObjectNode().put("phase", "answer").put("op", op).put("key", key).put("status", a.status)
                    .put("response", a.body).put("at", Instant.now().toString()));
            return a;
        }

        private synchronized void write(ObjectNode line) {
            try {
                out.write(JSON.writeValueAsString(line));
                out.newLine();
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized void close() throws IOException {
            out.close();
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) sleepMillis(wait / 1_000_000);
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.reelflow.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A real HTTP receiver on 127.0.0.1 (com.sun.net.httpserver), as a CRM or finance system would run one: it records every
 * request with its headers and answers with the status the test chooses. It can be stopped and started again on the
 * same port.
 */
final class WebhookReceiver implements AutoCloseable {

    record Request(String eventId, String kind, String attempt, String timestamp, String signature, String contentType, String body, int answered) {
    }

    private final List<Request> requests = new ArrayList<>();
    private volatile ToIntFunction<Request> answer = r -> 200;
    private HttpServer server;
    private int port;

    WebhookReceiver start() throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        for (int tries = 0; ; tries++) {
            try {
                server = HttpServer.create(address, 0);
                break;
            } catch (BindException e) {
                if (tries == 50) throw e;
                try {
                    Thread.sleep(100); // the port of the stopped receiver is released by the OS
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        server.createContext("/hooks/reelflow", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            var h = exchange.getRequestHeaders();
            Request seen = new Request(h.getFirst(WebhookSignature.EVENT_ID_HEADER), h.getFirst(WebhookSignature.EVENT_KIND_HEADER),
                    h.getFirst(WebhookSignature.ATTEMPT_HEADER), h.getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    h.getFirst(WebhookSignature.SIGNATURE_HEADER), h.getFirst("Content-Type"), body, 0);
            int status = answer.applyAsInt(seen);
            synchronized (requests) {
                requests.add(new Request(seen.eventId(), seen.kind(), seen.attempt(), seen.timestamp(), seen.signature(), seen.contentType(),
                        body, status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    void stop() {
        server.stop(0);
    }

    void answer(ToIntFunction<Request> answer) {
        this.answer = answer;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks/reelflow";
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** What the receiver took (answered 2xx). */
    List<Request> taken() {
        return requests().stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
    }
}

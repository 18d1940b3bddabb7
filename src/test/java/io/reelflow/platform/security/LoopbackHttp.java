package io.reelflow.platform.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** HTTP/1.1 over a socket bound to a loopback address of its own (127.0.0.x): a client from a distinct address. */
public final class LoopbackHttp {

    private LoopbackHttp() {
    }

    public record Raw(int status, Map<String, String> headers, List<String> cookies, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** One HTTP/1.1 request on a new connection from {@code from} (a loopback address of its own) to the service. */
    public static Raw call(int port, String from, String method, String path, String authorization, String formBody) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(30_000);
            byte[] body = formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n");
            if (authorization != null && authorization.startsWith("Cookie: ")) head.append(authorization).append("\r\n");
            else if (authorization != null) head.append("Authorization: ").append(authorization).append("\r\n");
            if (formBody != null) {
                head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            List<String> cookies = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) continue;
                String name = lines[i].substring(0, colon).trim().toLowerCase();
                String value = lines[i].substring(colon + 1).trim();
                headers.put(name, value);
                if (name.equals("set-cookie")) cookies.add(value);
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, cookies, end < 0 ? "" : text.substring(end + 4));
        }
    }
}

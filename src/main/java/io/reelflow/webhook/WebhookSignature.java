package io.reelflow.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request: {@code X-Reelflow-Signature: sha256=<hex>}, the HMAC-SHA256 with the endpoint's
 * secret of {@code <X-Reelflow-Timestamp> + "." + <request body>} (body bytes exactly as received, UTF-8).
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Reelflow-Signature";
    public static final String TIMESTAMP_HEADER = "X-Reelflow-Timestamp";
    public static final String EVENT_ID_HEADER = "X-Reelflow-Event-Id";
    public static final String EVENT_KIND_HEADER = "X-Reelflow-Event-Kind";
    public static final String ATTEMPT_HEADER = "X-Reelflow-Delivery-Attempt";

    private WebhookSignature() {
    }

    /** The header value for a body sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String secret, String timestampHeader, String body, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null) return false;
        long ts;
        try {
            ts = Long.parseLong(timestampHeader);
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] expected = sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.getBytes(StandardCharsets.US_ASCII));
    }
}

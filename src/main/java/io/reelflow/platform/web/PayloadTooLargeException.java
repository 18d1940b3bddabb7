package io.reelflow.platform.web;

/** A request body above the API's limit. Answered 413. */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}

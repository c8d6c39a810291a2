package io.eventpipeline.processor.query;

/** The state cannot answer now (a rebalance, a restore, an owner that cannot be reached): ask again shortly. */
final class NotAvailableException extends RuntimeException {

    NotAvailableException(String message) {
        super(message);
    }

    NotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.eventpipeline.read.api;

/** Nothing stored under the requested name: a 404 problem. */
final class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message, null, false, false);
    }
}

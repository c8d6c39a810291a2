package io.eventpipeline.projection.write;

/** How event rows reach Postgres inside the batch transaction ({@code WRITER_WRITE_METHOD}). */
public enum WriteMethod {
    /** binary COPY on the transaction's connection (the default: the faster one, see the README's benchmark) */
    COPY,
    /** one multi-row jOOQ INSERT per chunk */
    INSERT
}

package io.eventpipeline.admin.config;

import java.io.PrintWriter;

/**
 * Where a command writes: results to {@code out} (what a script pipes on), progress and warnings to
 * {@code err}, so {@code ./admin rejected show X > fixed.json} captures only the result.
 */
public record Console(PrintWriter out, PrintWriter err) {

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    public void progress(String text) {
        err.println(text);
        err.flush();
    }
}

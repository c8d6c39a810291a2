package io.eventpipeline.admin.rejected;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a rejection is: {@code <topic>-<partition>-<offset>}, e.g. {@code events.rejected-2-17}, as
 * {@code rejected list} prints it.
 */
record RejectionId(String topic, int partition, long offset) {

    private static final Pattern FORM = Pattern.compile("(.+)-(\\d{1,9})-(\\d{1,18})");

    static RejectionId parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not <topic>-<partition>-<offset>, e.g. events.rejected-2-17");
        }
        return new RejectionId(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)));
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "-" + offset;
    }
}

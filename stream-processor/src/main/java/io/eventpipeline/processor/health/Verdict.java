package io.eventpipeline.processor.health;

import java.util.Map;

/** A health answer without a web framework: up or not, and why (details for the operator). */
public record Verdict(boolean up, Map<String, Object> details) {

    public Verdict {
        details = Map.copyOf(details);
    }
}

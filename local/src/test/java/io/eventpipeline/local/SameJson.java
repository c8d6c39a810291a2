package io.eventpipeline.local;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Equality of two parsed JSON documents as JSON defines it: member order does not matter, array order does,
 * strings compare character by character, numbers by numeric value ({@code 1.50} = {@code 1.5} = {@code 15e-1}),
 * which is what jsonb keeps of them.
 */
final class SameJson {

    private SameJson() {
    }

    /** The JSON pointer of the first difference, or {@code null} when the documents are equal. */
    static String firstDifference(JsonNode sent, JsonNode stored) {
        return difference(sent, stored, "");
    }

    private static String difference(JsonNode a, JsonNode b, String pointer) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? null : pointer;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return pointer;
        }
        if (a.isObject()) {
            return objectDifference(a, b, pointer);
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return pointer;
            }
            for (int i = 0; i < a.size(); i++) {
                String found = difference(a.get(i), b.get(i), pointer + "/" + i);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return a.equals(b) ? null : pointer;
    }

    private static String objectDifference(JsonNode a, JsonNode b, String pointer) {
        if (a.size() != b.size()) {
            return pointer;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            JsonNode other = b.get(member.getKey());
            String child = pointer + "/" + member.getKey();
            if (other == null) {
                return child;
            }
            String found = difference(member.getValue(), other, child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}

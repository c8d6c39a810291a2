package io.eventpipeline.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import io.eventpipeline.schemas.JsonArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fingerprints already stored in Redis (kept 24 h) must keep matching after an upgrade: the fingerprint
 * must stay byte-for-byte the hash of the canonical form the first version wrote. {@link #reference} is
 * that form, written out the slow, obvious way.
 */
class FingerprintCanonicalFormTest {

    @Property(tries = 2000)
    void shouldHashTheSameCanonicalFormAsTheReference(@ForAll("json") JsonNode body) {
        assertThat(Fingerprint.of("POST", "/v1/events", body)).isEqualTo(reference("POST", "/v1/events", body));
    }

    @Property(tries = 500)
    void shouldNotDependOnMemberOrder(@ForAll("json") JsonNode body) {
        JsonNode reordered = reversedMembers(body);

        assertThat(Fingerprint.of("POST", "/v1/events:batch", reordered))
                .isEqualTo(Fingerprint.of("POST", "/v1/events:batch", body));
    }

    @Provide
    Arbitrary<JsonNode> json() {
        return JsonArbitraries.json(3);
    }

    private static JsonNode reversedMembers(JsonNode node) {
        if (node.isObject()) {
            ObjectNode reversed = JsonNodeFactory.instance.objectNode();
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            for (Map.Entry<String, JsonNode> member : members.reversed()) {
                reversed.set(member.getKey(), reversedMembers(member.getValue()));
            }
            return reversed;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(reversedMembers(item)));
            return array;
        }
        return node;
    }

    static String reference(String method, String path, JsonNode body) {
        StringBuilder canonical = new StringBuilder(method).append(' ').append(path).append('\n');
        write(body, canonical);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                out.append(i > 0 ? "," : "");
                string(members.get(i).getKey(), out);
                out.append(':');
                write(members.get(i).getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i > 0 ? "," : "");
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isString()) {
            string(node.asString(), out);
        } else {
            out.append(node.toString());
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}

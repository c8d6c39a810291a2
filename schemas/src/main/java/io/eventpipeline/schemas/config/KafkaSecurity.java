package io.eventpipeline.schemas.config;

import static io.eventpipeline.schemas.config.Variables.require;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How every Kafka client of the pipeline authenticates and encrypts: the {@code KAFKA_SECURITY_*},
 * {@code KAFKA_SASL_*} and {@code KAFKA_SSL_*} variables turned into client properties. Default
 * {@code PLAINTEXT} adds nothing. Secrets (the JAAS line, store passwords) never appear in
 * {@link #toString()}; Kafka itself prints them as {@code [hidden]}.
 *
 * @param protocol        {@code KAFKA_SECURITY_PROTOCOL}: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param saslMechanism   {@code KAFKA_SASL_MECHANISM}: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, ...
 * @param saslJaasConfig  {@code KAFKA_SASL_JAAS_CONFIG}, or built from {@code KAFKA_SASL_USERNAME} and
 *                        {@code KAFKA_SASL_PASSWORD} for PLAIN and SCRAM
 * @param truststore      {@code KAFKA_SSL_TRUSTSTORE_LOCATION}, {@code _PASSWORD}, {@code _TYPE}
 * @param keystore        {@code KAFKA_SSL_KEYSTORE_LOCATION}, {@code _PASSWORD}, {@code _TYPE}, and
 *                        {@code KAFKA_SSL_KEY_PASSWORD}, for mutual TLS
 * @param endpointIdentification {@code KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM}; unset keeps Kafka's
 *                        default ({@code https}: the broker's host name is checked), {@code none} turns that off
 */
public record KafkaSecurity(String protocol, String saslMechanism, String saslJaasConfig, Store truststore,
        Store keystore, String endpointIdentification) {

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    /** A key or trust store; {@code keyPassword} only for a keystore. */
    public record Store(String location, String password, String type, String keyPassword) {

        @Override
        public String toString() {
            return location + " (" + type + ")";
        }
    }

    public static final KafkaSecurity PLAINTEXT = new KafkaSecurity("PLAINTEXT", null, null, null, null, null);

    public KafkaSecurity {
        require(PROTOCOLS.contains(protocol), "KAFKA_SECURITY_PROTOCOL", "must be one of " + PROTOCOLS + ", got '" + protocol + "'");
        boolean sasl = protocol.startsWith("SASL_");
        require(sasl || saslMechanism == null, "KAFKA_SASL_MECHANISM",
                "is set but KAFKA_SECURITY_PROTOCOL is " + protocol + " (use SASL_SSL or SASL_PLAINTEXT)");
        require(!sasl || saslMechanism != null, "KAFKA_SASL_MECHANISM", "must be set when KAFKA_SECURITY_PROTOCOL is " + protocol);
        require(!sasl || saslJaasConfig != null, "KAFKA_SASL_JAAS_CONFIG",
                "(or KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD) must be set when KAFKA_SECURITY_PROTOCOL is " + protocol);
        boolean ssl = protocol.endsWith("SSL");
        require(ssl || truststore == null, "KAFKA_SSL_TRUSTSTORE_LOCATION", "is set but KAFKA_SECURITY_PROTOCOL is " + protocol);
        require(ssl || keystore == null, "KAFKA_SSL_KEYSTORE_LOCATION", "is set but KAFKA_SECURITY_PROTOCOL is " + protocol);
    }

    static KafkaSecurity from(Variables v) {
        String protocol = v.text("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").toUpperCase(Locale.ROOT);
        String mechanism = v.optional("KAFKA_SASL_MECHANISM").map(m -> m.toUpperCase(Locale.ROOT)).orElse(null);
        return new KafkaSecurity(protocol, mechanism, jaasConfig(v, mechanism).orElse(null),
                store(v, "KAFKA_SSL_TRUSTSTORE"), store(v, "KAFKA_SSL_KEYSTORE"),
                endpointIdentification(v));
    }

    /** The client properties: security.protocol, sasl.*, ssl.* (Kafka's own names). */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", protocol);
        putIfSet(p, "sasl.mechanism", saslMechanism);
        putIfSet(p, "sasl.jaas.config", saslJaasConfig);
        if (truststore != null) {
            p.put("ssl.truststore.location", truststore.location());
            putIfSet(p, "ssl.truststore.password", truststore.password());
            p.put("ssl.truststore.type", truststore.type());
        }
        if (keystore != null) {
            p.put("ssl.keystore.location", keystore.location());
            putIfSet(p, "ssl.keystore.password", keystore.password());
            p.put("ssl.keystore.type", keystore.type());
            putIfSet(p, "ssl.key.password", keystore.keyPassword());
        }
        putIfSet(p, "ssl.endpoint.identification.algorithm", endpointIdentification);
        return p;
    }

    @Override
    public String toString() {
        return "KafkaSecurity[" + protocol + (saslMechanism == null ? "" : " " + saslMechanism)
                + (saslJaasConfig == null ? "" : " jaas=***") + (truststore == null ? "" : " truststore=" + truststore)
                + (keystore == null ? "" : " keystore=" + keystore) + "]";
    }

    /** {@code none} turns host-name checking off; blank or unset keeps Kafka's default ({@code https}). */
    private static String endpointIdentification(Variables v) {
        return v.optional("KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM")
                .map(a -> a.equalsIgnoreCase("none") ? "" : a)
                .orElse(null);
    }

    private static Optional<String> jaasConfig(Variables v, String mechanism) {
        var explicit = v.optional("KAFKA_SASL_JAAS_CONFIG");
        var user = v.optional("KAFKA_SASL_USERNAME");
        if (explicit.isPresent() || user.isEmpty()) {
            return explicit;
        }
        String password = v.required("KAFKA_SASL_PASSWORD");
        String module = switch (mechanism == null ? "" : mechanism) {
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            default -> throw new InvalidVariableException("KAFKA_SASL_USERNAME",
                    "works only with KAFKA_SASL_MECHANISM PLAIN or SCRAM-SHA-256/512; set KAFKA_SASL_JAAS_CONFIG instead");
        };
        return Optional.of(module + " required username=\"" + quoted(user.get()) + "\" password=\""
                + quoted(password) + "\";");
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Store store(Variables v, String prefix) {
        var location = v.optional(prefix + "_LOCATION");
        if (location.isEmpty()) {
            require(v.optional(prefix + "_PASSWORD").isEmpty(), prefix + "_PASSWORD", "is set but " + prefix + "_LOCATION is not");
            return null;
        }
        require(Files.isReadable(Path.of(location.get())), prefix + "_LOCATION", "must be a readable file, got '"
                + location.get() + "'");
        String keyPassword = prefix.endsWith("KEYSTORE") ? v.optional("KAFKA_SSL_KEY_PASSWORD").orElse(null) : null;
        return new Store(location.get(), v.optional(prefix + "_PASSWORD").orElse(null),
                v.text(prefix + "_TYPE", "PKCS12").toUpperCase(Locale.ROOT), keyPassword);
    }

    private static void putIfSet(Map<String, Object> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}

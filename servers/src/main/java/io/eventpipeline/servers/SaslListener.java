package io.eventpipeline.servers;

import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** Adds a SASL_PLAINTEXT listener with the PLAIN mechanism to a broker's properties; brokers still talk PLAINTEXT. */
final class SaslListener {

    private SaslListener() {
    }

    static void addTo(Properties p, int port, Map<String, String> users) {
        String listener = "SASL_PLAINTEXT://127.0.0.1:" + port;
        p.setProperty("listeners", p.getProperty("listeners") + "," + listener);
        p.setProperty("advertised.listeners", p.getProperty("advertised.listeners") + "," + listener);
        p.setProperty("listener.security.protocol.map",
                p.getProperty("listener.security.protocol.map") + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", "PLAIN");
        String accounts = users.entrySet().stream()
                .map(u -> "user_" + u.getKey() + "=\"" + u.getValue() + "\"")
                .collect(Collectors.joining(" "));
        p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required " + accounts + ";");
    }
}

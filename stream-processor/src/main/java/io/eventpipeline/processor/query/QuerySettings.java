package io.eventpipeline.processor.query;

import io.eventpipeline.schemas.config.Variables;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where other instances reach this one's management port to ask about the aggregates it owns.
 *
 * @param applicationServer {@code APPLICATION_SERVER}: {@code host:port} of this instance's management port as the
 *                          other instances reach it (Kafka Streams' {@code application.server}); unset with a
 *                          single instance, where every aggregate is local
 */
public record QuerySettings(Optional<HostInfo> applicationServer) {

    public QuerySettings {
        applicationServer = applicationServer == null ? Optional.empty() : applicationServer;
    }

    public static QuerySettings from(Variables v) {
        return new QuerySettings(v.optional("APPLICATION_SERVER").map(QuerySettings::parse));
    }

    private static HostInfo parse(String value) {
        int colon = value.lastIndexOf(':');
        Variables.require(colon > 0 && value.substring(colon + 1).matches("[0-9]{1,5}"), "APPLICATION_SERVER",
                "must be host:port of this instance's management port, got '" + value + "'");
        int port = Integer.parseInt(value.substring(colon + 1));
        Variables.require(port > 0 && port < 65536, "APPLICATION_SERVER", "port must be in 1..65535, got " + port);
        return new HostInfo(value.substring(0, colon), port);
    }

    /** The Kafka Streams properties this adds to the client. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        applicationServer.ifPresent(h -> p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, h.host() + ":" + h.port()));
        return p;
    }

    String self() {
        return applicationServer.map(h -> h.host() + ":" + h.port()).orElse("local");
    }
}

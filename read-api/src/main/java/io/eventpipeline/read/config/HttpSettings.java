package io.eventpipeline.read.config;

import static io.eventpipeline.schemas.config.Variables.require;

import io.eventpipeline.schemas.config.Variables;
import java.time.Duration;

/**
 * The public port ({@code HTTP_PORT}, the API only), the management port ({@code MANAGEMENT_PORT}: actuator,
 * health with details) and {@code HTTP_CACHE_MAX_AGE}. Spring reads the ports itself (read-api.yml); they are
 * validated here so that the two can never be one port, which would put health details on the public port.
 */
public record HttpSettings(int port, int managementPort, Duration cacheMaxAge) {

    public HttpSettings {
        require(port >= 0 && port <= 65535, "HTTP_PORT", "must be a port number (0-65535), got " + port);
        require(managementPort >= 0 && managementPort <= 65535, "MANAGEMENT_PORT",
                "must be a port number (0-65535), got " + managementPort);
        require(port == 0 || managementPort != port, "MANAGEMENT_PORT",
                "must differ from HTTP_PORT (" + port + "): actuator and health details stay off the public port");
        require(cacheMaxAge != null && !cacheMaxAge.isNegative(), "HTTP_CACHE_MAX_AGE", "must be >= 0s");
    }

    static HttpSettings from(Variables v) {
        return new HttpSettings(v.integer("HTTP_PORT", 8083), v.integer("MANAGEMENT_PORT", 9083),
                v.duration("HTTP_CACHE_MAX_AGE", Duration.ZERO));
    }
}

package io.eventpipeline.schemas.config;

import java.util.regex.Pattern;

/**
 * Connection strings fit for a log line: the user-info of a URL ({@code rediss://user:secret@host})
 * and password-like query parameters of a JDBC URL become {@code ***}.
 */
public final class Redacted {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@?#]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:password|sslpassword|pass|secret|token|key)=)[^&;]*");

    private Redacted() {
    }

    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String withoutUser = USER_INFO.matcher(url).replaceFirst("***@");
        return SECRET_PARAMETER.matcher(withoutUser).replaceAll("$1***");
    }
}

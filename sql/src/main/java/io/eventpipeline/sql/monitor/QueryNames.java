package io.eventpipeline.sql.monitor;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a statement for metrics ({@code "<verb> <first table>"}, bounded cardinality) and decides whether
 * it may be explained: only a plain read (SELECT, or WITH without a data-modifying statement) that calls
 * no function beyond side-effect-free built-ins. EXPLAIN ANALYZE executes the statement, so a write, DDL
 * or a function call (which may write, take locks or create partitions) is never run a second time.
 */
public final class QueryNames {

    private static final Pattern VERB = Pattern.compile("^\\s*(\\w+)");
    private static final Pattern TABLE = Pattern.compile("\\b(?:from|into|update|join|table|copy)\\s+(?:\"?\\w+\"?\\.)?\"?(\\w+)\"?");
    private static final Pattern CALL = Pattern.compile("\\b(\\w+)\\s*\\(");
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern WRITES = Pattern.compile("\\b(insert|update|delete|merge|truncate|create|alter|drop|"
            + "grant|revoke|copy|call|do|lock|vacuum|analyze|refresh|for\\s+update|for\\s+share|into)\\b");
    private static final Set<String> PURE = Set.of("count", "sum", "min", "max", "avg", "coalesce", "nullif",
            "greatest", "least", "lower", "upper", "length", "abs", "round", "date_trunc", "extract", "cast", "array_agg",
            "string_agg", "jsonb_build_object", "jsonb_agg", "json_agg", "to_jsonb", "exists", "any", "all", "in", "row",
            "values", "tableoid", "now", "current_timestamp", "lateral", "filter", "over", "partition", "and", "or", "not",
            "on", "using", "as", "where", "select", "from", "with", "limit", "offset", "by", "case", "when", "then", "else");

    private QueryNames() {
    }

    /** {@code "<verb> <first table>"}, lower case, e.g. {@code insert events}; {@code unknown} for null. */
    public static String nameOf(String sql) {
        if (sql == null) {
            return "unknown";
        }
        String lower = sql.toLowerCase(Locale.ROOT);
        Matcher verb = VERB.matcher(lower);
        String v = verb.find() ? verb.group(1) : "unknown";
        Matcher table = TABLE.matcher(lower);
        return table.find() ? v + " " + table.group(1) : v;
    }

    /** True only for a plain read that reads a table and calls no function but side-effect-free built-ins. */
    public static boolean isExplainable(String sql) {
        if (sql == null) {
            return false;
        }
        String lower = LITERAL.matcher(sql.toLowerCase(Locale.ROOT)).replaceAll("''").strip();
        if (!(lower.startsWith("select") || lower.startsWith("with")) || WRITES.matcher(lower).find()
                || !lower.contains(" from ")) {
            return false;
        }
        Matcher call = CALL.matcher(lower);
        while (call.find()) {
            if (!PURE.contains(call.group(1))) {
                return false;
            }
        }
        return true;
    }
}

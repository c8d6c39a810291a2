package io.eventpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class IsoInstantPropertyTest {

    @Property(tries = 2000)
    void shouldParseOrRefuseExactlyAsInstantParseWhenFieldsAreAnything(
            @ForAll @IntRange(min = 0, max = 9999) int year,
            @ForAll @IntRange(min = 0, max = 13) int month,
            @ForAll @IntRange(min = 0, max = 32) int day,
            @ForAll @IntRange(min = 0, max = 24) int hour,
            @ForAll @IntRange(min = 0, max = 60) int minute,
            @ForAll @IntRange(min = 0, max = 61) int second,
            @ForAll @NumericChars @StringLength(max = 10) String fraction,
            @ForAll boolean withDot,
            @ForAll @IntRange(min = 0, max = 5) int suffix) {
        String text = String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute,
                second) + (withDot ? "." + fraction : fraction) + new String[] {"Z", "z", "", "+01:00", "Z ", "ZZ"}[suffix];

        assertSameAsInstantParse(text);
    }

    @Property(tries = 1000)
    void shouldCallCanonicalExactlyWhatInstantToStringWrites(
            @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 3) int rounding) {
        int rounded = nanos / new int[] {1, 1_000, 1_000_000, 1_000_000_000}[rounding]
                * new int[] {1, 1_000, 1_000_000, 1_000_000_000}[rounding];
        Instant instant = Instant.ofEpochSecond(epochSecond, rounded);
        String canonical = instant.toString();

        assertThat(IsoInstant.parse(canonical)).isEqualTo(instant);
        assertThat(IsoInstant.isCanonical(canonical)).isTrue();
        // the same instant with one more digit than needed: accepted, but not as Instant.toString writes it
        String padded = canonical.replace("Z", rounded == 0 ? ".000Z" : "0Z");
        assertSameAsInstantParse(padded);
    }

    private static void assertSameAsInstantParse(String text) {
        Throwable expectedError = catchThrowable(() -> Instant.parse(text));
        Throwable actualError = catchThrowable(() -> IsoInstant.parse(text));
        if (expectedError == null) {
            assertThat(actualError).isNull();
            assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text));
            assertThat(IsoInstant.isCanonical(text)).isEqualTo(text.equals(Instant.parse(text).toString()));
        } else {
            assertThat(actualError).isInstanceOf(expectedError.getClass()).hasMessage(expectedError.getMessage());
            assertThat(IsoInstant.isCanonical(text)).isFalse();
        }
    }
}

package io.eventpipeline.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyTokensTest {

    @Test
    void shouldHashAsLowerCaseHexSha256() {
        assertThat(KeyTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void shouldMakeWellFormedKeysThatDiffer() {
        String a = KeyTokens.newPlainKey();

        assertThat(a).startsWith("ik_").hasSize(46);
        assertThat(KeyTokens.isWellFormed(a)).isTrue();
        assertThat(KeyTokens.newPlainKey()).isNotEqualTo(a);
    }

    @Test
    void shouldTellMalformedTokensWithoutALookup() {
        assertThat(KeyTokens.isWellFormed("1234567")).isFalse();
        assertThat(KeyTokens.isWellFormed("has a space")).isFalse();
        assertThat(KeyTokens.isWellFormed("tab\there1")).isFalse();
        assertThat(KeyTokens.isWellFormed("x".repeat(257))).isFalse();
        assertThat(KeyTokens.isWellFormed(null)).isFalse();
        assertThat(KeyTokens.isWellFormed("operator-chosen")).isTrue();
    }
}

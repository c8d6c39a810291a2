package io.eventpipeline.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void shouldParseAndFormatScopeListsInDeclarationOrder() {
        assertThat(Scope.parseList("read, PRODUCE,read")).containsExactlyInAnyOrder(Scope.PRODUCE, Scope.READ);
        assertThat(Scope.format(Set.of(Scope.ADMIN, Scope.READ, Scope.PRODUCE))).isEqualTo("produce,read,admin");
    }

    @Test
    void shouldRefuseUnknownOrNoScopes() {
        assertThatThrownBy(() -> Scope.parseList("produce,write")).hasMessageContaining("write");
        assertThatThrownBy(() -> Scope.parseList(" , ")).hasMessageContaining("at least one");
    }
}

package io.lbc.annotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueSyntaxTest {
  @Test
  void stringMapSplitsOnCommasAndTheFirstEquals() {
    assertThat(ValueSyntax.parseStringMap(" a = 1 , b=x=y,c="))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "x=y"), Map.entry("c", ""));
  }

  @Test
  void anEscapedCommaStaysInTheValue() {
    assertThat(ValueSyntax.parseStringMap("routing.http.xff_header_processing.mode=append,k=a\\,b"))
        .containsEntry("k", "a,b")
        .hasSize(2);
  }

  @Test
  void aCommaBeforeTextWithoutEqualsBelongsToTheValue() {
    assertThat(ValueSyntax.parseStringMap("hosts=a.example.com,b.example.com,team=x"))
        .containsEntry("hosts", "a.example.com,b.example.com")
        .containsEntry("team", "x");
  }

  @Test
  void emptyKeysAreRejected() {
    assertThatThrownBy(() -> ValueSyntax.parseStringMap("=v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty key");
    assertThatThrownBy(() -> ValueSyntax.parseStringMap("novalue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key=value");
  }

  @Test
  void stringListTrimsAndDropsEmpties() {
    assertThat(ValueSyntax.parseStringList(" a, ,b ,")).containsExactly("a", "b");
  }

  @Test
  void boolAcceptsGoSpellings() {
    assertThat(ValueSyntax.parseBool("T")).isTrue();
    assertThat(ValueSyntax.parseBool("0")).isFalse();
    assertThatThrownBy(() -> ValueSyntax.parseBool("yes"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.switchback.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrictBooleanConverterTest {
  private final StrictBooleanConverter converter = new StrictBooleanConverter();

  @Test
  void clearWordsAreRead() {
    for (String yes : new String[] {"true", "TRUE", "yes", "on", "1", " True "}) {
      assertThat(converter.convert(yes)).as(yes).isTrue();
    }
    for (String no : new String[] {"false", "False", "no", "off", "0"}) {
      assertThat(converter.convert(no)).as(no).isFalse();
    }
  }

  @Test
  void aTypoIsRefusedRatherThanReadAsFalse() {
    assertThatThrownBy(() -> converter.convert("ture"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'ture' is not a boolean; accepted values: true, false");
  }
}

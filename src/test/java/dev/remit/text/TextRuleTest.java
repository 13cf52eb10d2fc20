package dev.remit.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRuleTest {

    @Test
    void controlCharactersAreDroppedAndWhatNoDocumentCanHoldIsReplaced() {
        assertThat(TextRule.renderable("Zo\u00eb\u0000\u0001\u0007\u001b Smith")).isEqualTo("Zo\u00eb Smith");
        assertThat(TextRule.renderable("a\uD800b\uDC00c")).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(TextRule.renderable("\uFFFE\uFFFF\uFDD0\uD83F\uDFFF")).isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD");
        assertThat(TextRule.renderable("ends with a high surrogate \uD83D")).isEqualTo("ends with a high surrogate \uFFFD");
        assertThat(TextRule.firstDisallowed("ok\u0001")).isEqualTo(2);
    }

    @Test
    void renderableTextIsLeftAsItIs() {
        String text = "Tab\there, lines\r\nand emoji \uD83D\uDE00, \u0394\u0436, \u007f\u0085 \uFFFD";
        assertThat(TextRule.renderable(text)).isSameAs(text);
        assertThat(TextRule.firstDisallowed(text)).isEqualTo(-1);
        assertThat(TextRule.renderable(null)).isNull();
    }
}

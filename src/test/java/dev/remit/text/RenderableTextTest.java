package dev.remit.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenderableTextTest {

    @Test
    void controlCharactersAreDroppedAndWhatNoDocumentCanHoldIsReplaced() {
        assertThat(RenderableText.of("Zo\u00eb\u0000\u0001\u0007\u001b Smith")).isEqualTo("Zo\u00eb Smith");
        assertThat(RenderableText.of("a\uD800b\uDC00c")).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(RenderableText.of("\uFFFE\uFFFF")).isEqualTo("\uFFFD\uFFFD");
        assertThat(RenderableText.of("ends with a high surrogate \uD83D")).isEqualTo("ends with a high surrogate \uFFFD");
        assertThat(RenderableText.firstUnrenderable("ok\u0001")).isEqualTo(2);
    }

    @Test
    void renderableTextIsLeftAsItIs() {
        String text = "Tab\there, lines\r\nand emoji \uD83D\uDE00, \u0394\u0436, \u007f\u0085 \uFFFD \uFDD0";
        assertThat(RenderableText.of(text)).isSameAs(text);
        assertThat(RenderableText.firstUnrenderable(text)).isEqualTo(-1);
        assertThat(RenderableText.of(null)).isNull();
    }
}

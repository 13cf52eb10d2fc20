package dev.remit.api;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.jackson.BaseNodeDeserializer;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;

/**
 * A number no BigDecimal can hold ({@code 1e-2147483648}: its scale is beyond an int), found while a
 * JSON tree was read, with the dotted path (class-validator's, {@code items.0.amount}) where it stood.
 * Jackson's own parser throws a bare NumberFormatException there, which would be a 500; the handler
 * answers this one with a 422 naming the property.
 */
public class UnreadableNumberException extends StreamReadException {

    private final String path;

    UnreadableNumberException(JsonParser parser, String path, NumberFormatException cause) {
        super(parser, "number at " + path + " cannot be read", cause);
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The dotted path of the parser's current value: property names and array indexes from the root. */
    static String pathOf(TokenStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            parts.push(at.inArray() ? String.valueOf(at.getCurrentIndex()) : String.valueOf(at.currentName()));
        }
        return String.join(".", parts);
    }

    /** Jackson's JsonNode deserializer reading through {@link Guard}. */
    static final class TreeDeserializer extends JsonNodeDeserializer {

        TreeDeserializer() {
        }

        private TreeDeserializer(TreeDeserializer base, boolean mergeArrays, boolean mergeObjects) {
            super(base, mergeArrays, mergeObjects);
        }

        @Override
        protected BaseNodeDeserializer<?> _createWithMerge(boolean mergeArrays, boolean mergeObjects) {
            return new TreeDeserializer(this, mergeArrays, mergeObjects);
        }

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) {
            return super.deserialize(parser instanceof Guard ? parser : new Guard(parser), context);
        }
    }

    /** The parser, with a number it cannot convert reported as an {@link UnreadableNumberException}. */
    static final class Guard extends JsonParserDelegate {

        Guard(JsonParser parser) {
            super(parser);
        }

        private UnreadableNumberException unreadable(NumberFormatException e) {
            return new UnreadableNumberException(this, pathOf(streamReadContext()), e);
        }

        @Override
        public BigDecimal getDecimalValue() {
            try {
                return super.getDecimalValue();
            } catch (NumberFormatException e) {
                throw unreadable(e);
            }
        }

        @Override
        public double getDoubleValue() {
            try {
                return super.getDoubleValue();
            } catch (NumberFormatException e) {
                throw unreadable(e);
            }
        }

        @Override
        public Number getNumberValue() {
            try {
                return super.getNumberValue();
            } catch (NumberFormatException e) {
                throw unreadable(e);
            }
        }

        @Override
        public Number getNumberValueExact() {
            try {
                return super.getNumberValueExact();
            } catch (NumberFormatException e) {
                throw unreadable(e);
            }
        }

        @Override
        public boolean isNaN() {
            try {
                return super.isNaN();
            } catch (NumberFormatException e) {
                throw unreadable(e);
            }
        }
    }
}

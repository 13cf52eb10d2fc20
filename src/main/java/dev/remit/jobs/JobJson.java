package dev.remit.jobs;

import com.github.kagkarlsson.scheduler.exceptions.SerializationException;
import com.github.kagkarlsson.scheduler.serializer.Serializer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How task data is stored in {@code scheduled_tasks.task_data}: JSON, so that a row says what it is
 * and a data record can gain a field without breaking the rows already queued. Shared by every task
 * of the scheduler (a task without data stores null).
 */
final class JobJson implements Serializer {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Override
    public byte[] serialize(Object data) {
        if (data == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (JacksonException e) {
            throw new SerializationException("task data cannot be written as JSON", e);
        }
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new SerializationException("task data is not the JSON of a " + type.getSimpleName(), e);
        }
    }
}

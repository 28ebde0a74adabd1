package dev.rill.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reading the run's JSON. */
final class JsonFiles {

    /** Accepts NaN and Infinity, which a diverged run's losses and scores may be written as. */
    static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private JsonFiles() {
    }

    /** A JSON object file as a map; an error names the file, line and column. */
    static Map<String, Object> readObject(Path file) throws IOException {
        try {
            Map<String, Object> m = MAPPER.readValue(Files.readAllBytes(file), new TypeReference<Map<String, Object>>() { });
            if (m == null) {
                throw new ReportException(file + ": empty; expected a JSON object");
            }
            return m;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ReportException(file + where + ": not a JSON object (" + e.getOriginalMessage() + ")", e);
        }
    }
}

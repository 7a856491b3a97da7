package fi.mentoringledger.command.infra;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * Business dates in request bodies are ISO {@code YYYY-MM-DD} strings and nothing else. Jackson's
 * own reader also takes {@code []} (as no date, which then defaults to today), {@code [2025,1,6]}
 * and timestamps such as {@code 2025-01-06T23:30:00Z} (read as that day in UTC: a day off in
 * Helsinki). Stored events keep their own reader.
 */
final class IsoDateDeserializer extends StdScalarDeserializer<LocalDate> {

    IsoDateDeserializer() {
        super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            throw InvalidFormatException.from(parser, "a date must be a string YYYY-MM-DD", parser.getText(),
                    LocalDate.class);
        }
        String text = parser.getText().trim();
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw InvalidFormatException.from(parser, "not a date YYYY-MM-DD", text, LocalDate.class);
        }
    }
}

package io.reelflow.deal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * The one place a deal's terms are read from and written to their {@code jsonb} column: the rest of the service sees
 * them typed ({@link Deal#terms()}). Hibernate makes it through Spring, with the service's {@link ObjectMapper}.
 */
@Converter
@org.hibernate.annotations.Immutable
class DealTermsConverter implements AttributeConverter<DealRequest, String> {

    private final ObjectMapper json;

    DealTermsConverter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String convertToDatabaseColumn(DealRequest terms) {
        if (terms == null) return null;
        try {
            return json.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the terms of deal " + terms.crmDealId() + " cannot be written", e);
        }
    }

    @Override
    public DealRequest convertToEntityAttribute(String stored) {
        if (stored == null) return null;
        try {
            return json.readValue(stored, DealRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored deal terms are unreadable", e);
        }
    }
}

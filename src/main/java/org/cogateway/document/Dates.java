package org.cogateway.document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** Conversions between java.time and the XML Schema date types of the generated classes; UTC throughout. */
public final class Dates {
    private static final DatatypeFactory FACTORY;

    static {
        try {
            FACTORY = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Dates() {
    }

    public static XMLGregorianCalendar xml(LocalDate date) {
        return FACTORY.newXMLGregorianCalendarDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth(),
                DatatypeConstants.FIELD_UNDEFINED);
    }

    public static XMLGregorianCalendar xml(Instant instant) {
        GregorianCalendar calendar = GregorianCalendar.from(instant.atZone(ZoneOffset.UTC));
        return FACTORY.newXMLGregorianCalendar(calendar);
    }

    public static LocalDate localDate(XMLGregorianCalendar xml) {
        return LocalDate.of(xml.getYear(), xml.getMonth(), xml.getDay());
    }

    public static Instant instant(XMLGregorianCalendar xml) {
        return xml.toGregorianCalendar().toInstant();
    }
}

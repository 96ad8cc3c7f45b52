package org.cogateway.security;

/**
 * A back-office system allowed to call the gateway.
 *
 * @param id                 the UsernameToken user name, and the name in the logs and the store
 * @param role               what it may do
 * @param country            the country it acts for (ISO 3166-1 alpha-2)
 * @param passwordHash       {@link PasswordHasher} hash of its password, or null when it signs instead
 * @param certificateSubject subject DN of the X.509 certificate it signs with, or null
 */
public record Caller(String id, Role role, String country, String passwordHash, String certificateSubject) {
}

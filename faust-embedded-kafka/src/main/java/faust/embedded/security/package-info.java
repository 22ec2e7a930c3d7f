/**
 * How an embedded broker is secured ({@link faust.embedded.security.Security}: plaintext, TLS, SASL)
 * and the TLS files it generates for clients ({@link faust.embedded.security.TlsFiles}).
 */
@NullMarked
package faust.embedded.security;

import org.jspecify.annotations.NullMarked;

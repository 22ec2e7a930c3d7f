/**
 * An app's settings: {@link faust.settings.Settings} (Faust's {@code app.conf}) and every setting
 * declared once as a typed {@link faust.settings.Setting}, grouped by Faust's sections
 * ({@link faust.settings.BrokerSettings}, {@link faust.settings.StreamSettings}, ...).
 */
@NullMarked
package faust.settings;

import org.jspecify.annotations.NullMarked;
